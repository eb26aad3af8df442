import json
import re

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin

from .common import FieldbookCase, square


@tagged("post_install", "-at_install")
class TestFieldbookPortal(CoupFederationMixin, HttpCase):
    _coup_prefix = "Fieldbook Portal"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa = FieldbookCase.make_member.__func__(
            cls, "Awa Portal", cls.coop_ml, member_number="ML-101", village="Kléla")
        cls.siaka = FieldbookCase.make_member.__func__(
            cls, "Siaka Portal", cls.coop_ml, member_number="ML-102")
        make = FieldbookCase.make_parcel.__func__
        cls.parcel = make(cls, cls.awa, square(-5.690, 11.270), name="Verger du marigot")
        cls.other = make(cls, cls.siaka, square(-5.680, 11.270), name="Champ de Siaka")
        cls.awa_user = new_test_user(cls.env, "fieldbook_portal_awa", password="fieldbook_portal_awa",
                                     groups="base.group_portal", partner_id=cls.awa.partner_id.id)

    def page_csrf_token(self):
        page = self.url_open("/my/parcels/%s" % self.parcel.id).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_the_member_records_a_harvest_from_a_phone(self):
        self.start_tour("/my/parcels", "coup_fieldbook_portal_tour",
                        login="fieldbook_portal_awa")
        harvest = self.parcel.operation_ids
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
        self.assertFalse(self.parcel.operation_ids)

    def test_the_page_carries_the_parcels_geojson_for_the_map(self):
        self.authenticate("fieldbook_portal_awa", "fieldbook_portal_awa")
        page = self.url_open("/my/parcels/%s" % self.parcel.id).text
        self.assertIn("o_coup_portal_map", page)
        self.assertIn(json.dumps(square(-5.690, 11.270)["coordinates"]).replace(" ", "")[:20],
                      page.replace(" ", "").replace("&#34;", '"').replace("&quot;", '"'))
