from odoo import fields
from odoo.tests import tagged

from .common import FieldbookCase, square


@tagged("post_install", "-at_install")
class TestFieldbookReports(FieldbookCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.parcel = cls.make_parcel(cls.awa, square(-5.690, 11.270), declared_area_ha=1.2,
                                     crop_ids=[(6, 0, cls.cashew.ids)])
        cls.make_parcel(cls.siaka, None, crop_ids=[(6, 0, cls.cotton.ids)], declared_area_ha=3)
        cls.make_parcel(cls.diego, square(-75.89, 2.39), declared_area_ha=1.2)
        cls.harvest = cls.env["coup.parcel.operation"].create({
            "parcel_id": cls.parcel.id, "kind": "harvest", "quantity": 640,
            "date": fields.Date.today()})

    def test_dashboard_figures_per_cooperative(self):
        data = self.env["coup.dashboard"].get_dashboard_data(
            company_ids=(self.coop_ml | self.coop_co).ids)
        figures = {f["key"]: f for f in data["figures"]}
        ml, co = str(self.coop_ml.id), str(self.coop_co.id)

        def value(key, company):
            values = figures[key]["values"]
            return values.get(company, values.get(int(company), 0))
        self.assertEqual(value("parcels", ml), 2)
        self.assertEqual(value("parcels_mapped", ml), 1)
        self.assertEqual(value("parcels_unmapped", ml), 1)
        self.assertEqual(value("parcels_eudr_ready", ml), 1)
        self.assertEqual(value("parcels", co), 1)
        self.assertEqual(value("parcel_area", ml), 1.2)
        self.assertEqual(value("parcel_area_crop_%s" % self.cashew.id, ml), 1.2)
        self.assertEqual(value("production_grown", ml), 640)
        self.assertEqual(figures["parcels_eudr_ready"]["share_of"], "parcels")

    def test_the_booklet_shows_parcels_and_harvests(self):
        rows = self.env["coup.member.booklet"].search([("partner_id", "=",
                                                        self.awa.partner_id.id)])
        kinds = {row.kind: row for row in rows}
        self.assertIn("parcel_registered", kinds)
        self.assertAlmostEqual(kinds["parcel_registered"].quantity, 1.2077, places=3)
        self.assertEqual(kinds["harvest"].quantity, 640)
        self.assertEqual(kinds["harvest"].res_model, "coup.parcel.operation")
