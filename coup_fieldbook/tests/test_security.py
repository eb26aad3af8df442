import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import FieldbookCase, square


@tagged("post_install", "-at_install")
class TestFieldbookSecurity(FieldbookCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parcel_ml = cls.make_parcel(cls.awa, square(-5.690, 11.270))
        cls.parcel_siaka = cls.make_parcel(cls.siaka, square(-5.680, 11.270))
        cls.parcel_co = cls.make_parcel(cls.diego, square(-75.89, 2.39))
        cls.env["coup.parcel.operation"].create([
            {"parcel_id": cls.parcel_ml.id, "kind": "weeding"},
            {"parcel_id": cls.parcel_co.id, "kind": "weeding"}])
        cls.awa_user = new_test_user(cls.env, "fieldbook_awa", groups="base.group_portal",
                                     partner_id=cls.awa.partner_id.id)

    def test_staff_see_only_their_cooperatives_parcels(self):
        Parcel = self.env["coup.parcel"].with_user(self.user_co)
        self.assertEqual(Parcel.search([]), self.parcel_co)
        with self.assertRaises(AccessError):
            self.parcel_ml.with_user(self.user_co).read(["name"])
        with self.assertRaises(AccessError):
            self.parcel_ml.with_user(self.user_co).write({"name": "Mine"})
        operations = self.env["coup.parcel.operation"].with_user(self.user_co).search([])
        self.assertEqual(operations.parcel_id, self.parcel_co)
        self.assertNotIn(self.parcel_ml.id, [f["id"] for f in json.loads(
            Parcel.coup_map_data([]))["features"]])

    def test_the_federation_sees_its_cooperatives_parcels(self):
        Parcel = self.env["coup.parcel"].with_user(self.federation_manager).with_context(
            allowed_company_ids=[self.federation.id])
        self.assertEqual(Parcel.search([("id", "in", (self.parcel_ml | self.parcel_co).ids)]),
                         self.parcel_ml | self.parcel_co)

    def test_only_a_manager_deletes_a_parcel(self):
        user = new_test_user(self.env, "fieldbook_staff_ml",
                             groups="coup_member_registry.group_coup_user",
                             company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        with self.assertRaises(AccessError):
            self.parcel_ml.with_user(user).unlink()
        self.parcel_siaka.with_user(self.manager_ml).unlink()
        self.assertFalse(self.parcel_siaka.exists())

    def test_a_portal_member_sees_only_their_own_parcels(self):
        Parcel = self.env["coup.parcel"].with_user(self.awa_user)
        self.assertEqual(Parcel.search([]), self.parcel_ml)
        with self.assertRaises(AccessError):
            self.parcel_siaka.with_user(self.awa_user).read(["name"])
        with self.assertRaises(AccessError):
            self.parcel_ml.with_user(self.awa_user).write({"name": "Renamed"})
        operations = self.env["coup.parcel.operation"].with_user(self.awa_user).search([])
        self.assertEqual(operations.parcel_id, self.parcel_ml)
        # a household member who works the parcel sees it too
        self.parcel_siaka.worker_ids = self.awa.partner_id
        self.assertEqual(Parcel.search([]), self.parcel_ml | self.parcel_siaka)
