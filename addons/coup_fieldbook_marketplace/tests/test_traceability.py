import base64
import json

from odoo.tests import tagged

from odoo.addons.coup_fieldbook.tests.common import square
from odoo.addons.coup_marketplace.tests.common import MarketCase


@tagged("post_install", "-at_install")
class TestTraceability(MarketCase):
    _coup_prefix = "Trace"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop_ml.partner_id.write({"partner_latitude": 11.27, "partner_longitude": -5.69})
        cls.cashew.product_tmpl_id.write({"coup_is_crop": True, "coup_yield_kg_ha": 400})
        Parcel = cls.env["coup.parcel"]
        cls.orchard = Parcel.create({
            "name": "Verger", "company_id": cls.coop_ml.id, "membership_id": cls.awa.id,
            "village": "Kléla", "geometry": json.dumps(square(-5.690, 11.270)),
            "crop_ids": [(6, 0, cls.cashew.product_tmpl_id.ids)]})
        cls.maize = Parcel.create({
            "name": "Champ de maïs", "company_id": cls.coop_ml.id, "membership_id": cls.awa.id,
            "village": "Kléla", "geometry": json.dumps(square(-5.680, 11.270))})
        cls.siaka_orchard = Parcel.create({
            "name": "Verger de Siaka", "company_id": cls.coop_ml.id,
            "membership_id": cls.siaka.id, "village": "Kléla",
            "geometry": json.dumps(square(-5.670, 11.270)),
            "crop_ids": [(6, 0, cls.cashew.product_tmpl_id.ids)]})

    def test_a_delivery_names_the_members_parcels_of_that_crop(self):
        purchase = self.delivery(gross_kg=202.5)
        self.assertEqual(purchase.parcel_ids, self.orchard)
        lot = purchase.line_ids.lot_id
        self.assertEqual(lot.coup_purchase_ids, purchase)
        self.assertEqual(lot.coup_partner_ids, self.awa.partner_id)
        self.assertEqual(lot.coup_parcel_ids, self.orchard)

    def test_kilograms_beyond_what_the_parcels_yield_are_flagged(self):
        # 1.21 ha × 400 kg/ha = 483 kg in the season
        first = self.delivery(gross_kg=302.5)
        self.assertFalse(first.coup_yield_note)
        second = self.delivery(confirm=False, gross_kg=302.5)
        second._onchange_coup_parcels()
        self.assertIn("600.0 kg delivered this season, more than the 483 kg", second.coup_yield_note)
        second.action_confirm()
        self.assertTrue(any("beyond the parcels" in body
                            for body in second.message_ids.mapped("body")))

    def test_the_eudr_export_of_a_lot_has_exactly_its_parcels(self):
        awa = self.delivery(gross_kg=102.5)
        self.delivery(self.siaka, gross_kg=102.5)
        action = awa.line_ids.lot_id.action_coup_eudr_export()
        wizard = self.env["coup.parcel.eudr.export"].browse(action["res_id"])
        self.assertEqual(wizard.parcel_ids, self.orchard)
        wizard.action_export()
        data = json.loads(base64.b64decode(wizard.file))
        self.assertEqual(len(data["features"]), 1)
        self.assertEqual(data["features"][0]["properties"]["ProducerName"], "Awa Market")
