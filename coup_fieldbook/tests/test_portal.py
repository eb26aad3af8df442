import base64
import json
import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin

from .common import FieldbookCase, square

# a 1x1 PNG, a member's photo
PNG = base64.b64decode(
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@tagged("post_install", "-at_install")
class TestFieldbookPortal(CoupFederationMixin, HttpCase):
    _coup_prefix = "Fieldbook Portal"
    # members open these pages on their phones
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa = FieldbookCase.make_member.__func__(
            cls, "Awa Portal", cls.coop_ml, member_number="ML-101", village="Kléla")
        cls.siaka = FieldbookCase.make_member.__func__(
            cls, "Siaka Portal", cls.coop_ml, member_number="ML-102")
        make = FieldbookCase.make_parcel.__func__
        # realistic data: crops and products are the cooperative's catalogue, which a portal
        # member has no right to read; operations carry a product and a photo
        Product = cls.env["product.template"]
        cls.cashew = Product.create({"name": "Anacarde (portail)", "coup_is_crop": True})
        cls.mango = Product.create({"name": "Mangue (portail)", "coup_is_crop": True})
        cls.secret = Product.create({"name": "Secret product (portal)", "coup_is_crop": True})
        cls.fertiliser = cls.env["product.product"].create({"name": "NPK 15-15-15 (portail)"})
        cls.parcel = make(cls, cls.awa, square(-5.690, 11.270), name="Verger du marigot",
                          crop_ids=[(6, 0, (cls.cashew | cls.mango).ids)])
        cls.second = make(cls, cls.awa, square(-5.700, 11.270), name="Champ de case",
                          crop_ids=[(6, 0, cls.mango.ids)])
        Operation = cls.env["coup.parcel.operation"]
        cls.fertilising = Operation.create({
            "parcel_id": cls.parcel.id, "kind": "fertilising", "date": "2026-06-10",
            "product_id": cls.fertiliser.id, "dose": 2, "notes": "Avant la pluie"})
        cls.photo = cls.env["ir.attachment"].create({
            "name": "pepiniere.png", "res_model": "coup.parcel.operation",
            "res_id": cls.fertilising.id, "datas": base64.b64encode(PNG)})
        cls.fertilising.attachment_ids = [(4, cls.photo.id)]
        Operation.create({"parcel_id": cls.second.id, "kind": "harvest", "date": "2026-05-02",
                          "quantity": 310})
        cls.other = make(cls, cls.siaka, square(-5.680, 11.270), name="Champ de Siaka",
                         crop_ids=[(6, 0, cls.secret.ids)])
        cls.awa_user = new_test_user(cls.env, "fieldbook_portal_awa", password="fieldbook_portal_awa",
                                     groups="base.group_portal", partner_id=cls.awa.partner_id.id)

    def test_my_parcels_lists_crops_without_opening_the_catalogue(self):
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        response = self.url_open("/my/parcels")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Verger du marigot", response.text)
        self.assertIn("Champ de case", response.text)
        self.assertIn("Anacarde (portail), Mangue (portail)", response.text)
        self.assertNotIn("Secret product (portal)", response.text)
        self.assertNotIn("Champ de Siaka", response.text)
        # the member still cannot read the catalogue by RPC
        with self.assertRaises(Exception):
            self.make_jsonrpc_request("/web/dataset/call_kw/product.template/read", {
                "model": "product.template", "method": "read",
                "args": [self.secret.ids, ["name"]], "kwargs": {}})

    def test_a_member_with_many_parcels_pages_through_them_and_sees_them_all_on_the_map(self):
        """A farmer group's head with 45 plots: 40 listed per page, the pager to the rest,
        every plot on the map; areas written as the member's language writes numbers."""
        lots = self.env["coup.parcel"].create([{
            "name": "Lot %02d" % n, "company_id": self.coop_ml.id,
            "membership_id": self.awa.id,
            "geometry": json.dumps(square(-5.50 + n * 0.002, 11.40))} for n in range(43)])
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        first = self.url_open("/my/parcels").text
        second = self.url_open("/my/parcels/page/2").text
        listed = lambda page: re.findall(r'href="/my/parcels/(\d+)"', page)  # noqa: E731
        self.assertEqual(len(set(listed(first))), 40)
        self.assertEqual(len(set(listed(second))), 5)
        self.assertFalse(set(listed(first)) & set(listed(second)))
        self.assertIn("/my/parcels/page/2", first)
        # the map of page 2 still holds the plots listed on page 1
        self.assertNotIn('href="/my/parcels/%s"' % lots[0].id, second)
        self.assertIn(json.dumps(square(-5.50, 11.40)["coordinates"]).replace(" ", "")[:20],
                      second.replace(" ", "").replace("&#34;", '"').replace("&quot;", '"'))
        self.env["res.lang"]._activate_lang("fr_FR")
        french = self.url_open("/fr/my/parcels/page/2").text
        self.assertRegex(french, r"\d,\d\d ha")
        self.assertNotRegex(french, r"\d\.\d\d ha")

    def test_my_parcel_shows_operations_products_and_photos(self):
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        response = self.url_open("/my/parcels/%s" % self.parcel.id)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Anacarde (portail), Mangue (portail)", page)
        self.assertIn("NPK 15-15-15 (portail)", page)
        self.assertIn("Avant la pluie", page)
        self.photo.invalidate_recordset()
        self.assertIn("/web/image/%s?access_token=%s" % (self.photo.id, self.photo.access_token),
                      page)
        image = self.url_open("/web/image/%s?access_token=%s"
                              % (self.photo.id, self.photo.access_token))
        self.assertEqual(image.status_code, 200)
        self.assertEqual(image.content, PNG)
        harvested = self.url_open("/my/parcels/%s" % self.second.id)
        self.assertEqual(harvested.status_code, 200)
        self.assertIn("310.0 kg", harvested.text)

    def test_another_members_photo_is_not_served(self):
        operation = self.env["coup.parcel.operation"].create(
            {"parcel_id": self.other.id, "kind": "inspection"})
        photo = self.env["ir.attachment"].create({
            "name": "siaka.png", "res_model": operation._name, "res_id": operation.id,
            "datas": base64.b64encode(PNG)})
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        self.assertNotEqual(self.url_open("/web/image/%s" % photo.id).content, PNG)

    def page_csrf_token(self):
        page = self.url_open("/my/parcels/%s" % self.parcel.id).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_the_member_records_a_harvest_from_a_phone(self):
        self.start_tour("/my/parcels", "coup_fieldbook_portal_tour",
                        login="fieldbook_portal_awa")
        harvest = self.parcel.operation_ids.filtered(lambda o: o.kind == "harvest")
        self.assertEqual(harvest.kind, "harvest")
        self.assertEqual(harvest.quantity_kg, 420.0)
        self.assertEqual(harvest.done_by_id, self.awa.partner_id)
        self.assertEqual(harvest.notes, "Bonne récolte")

    def test_another_members_parcel_is_not_found(self):
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        page = self.url_open("/my/parcels")
        self.assertIn("Verger du marigot", page.text)
        self.assertNotIn("Champ de Siaka", page.text)
        self.assertEqual(self.url_open("/my/parcels/%s" % self.other.id).status_code, 404)
        response = self.url_open("/my/parcels/%s/operation" % self.other.id, data={
            "kind": "harvest", "quantity": "10", "csrf_token": self.page_csrf_token()})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.other.operation_ids)

    def test_a_harvest_without_quantity_is_refused(self):
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        response = self.url_open("/my/parcels/%s/operation" % self.parcel.id, data={
            "kind": "harvest", "quantity": "0", "csrf_token": self.page_csrf_token()})
        self.assertIn("Give the quantity harvested", response.text)
        self.assertEqual(self.parcel.operation_ids, self.fertilising)

    def test_the_page_carries_the_parcels_geojson_for_the_map(self):
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        page = self.url_open("/my/parcels/%s" % self.parcel.id).text
        self.assertIn("o_coup_portal_map", page)
        self.assertIn(json.dumps(square(-5.690, 11.270)["coordinates"]).replace(" ", "")[:20],
                      page.replace(" ", "").replace("&#34;", '"').replace("&quot;", '"'))

