from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFieldbookDemo(TransactionCase):
    """The demo must load whole: a failing demo record only logs, and would leave a
    cooperative's first look at the field book empty."""

    def test_kléla_parcels_sites_and_operations(self):
        if not self.env.ref("coup_fieldbook.crop_cashew", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        klela = self.env.ref("coup_member_registry.company_coop_klela")
        parcels = self.env["coup.parcel"].search([("company_id", "=", klela.id)])
        self.assertEqual(len(parcels), 13, "the 12 features of the sample file and Siaka's")
        self.assertTrue(all(parcels.mapped("eudr_ready")))
        self.assertEqual(len(parcels.filtered(lambda p: p.geometry_type == "Point")), 1)
        orchard = parcels.filtered(lambda p: p.name == "Verger de cajou")
        self.assertEqual(orchard.member_number, "KL-00001")
        self.assertEqual(orchard.production_kg, 1150)
        drop_point = self.env.ref("coup_fieldbook.site_klela_drop_point")
        self.assertEqual((drop_point.type, drop_point.parent_id), ("delivery", klela.partner_id))
