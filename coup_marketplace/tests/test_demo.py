from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMarketDemo(TransactionCase):

    def test_a_cashew_season_in_klela_and_a_coffee_harvest_in_agroemprende(self):
        if not self.env.ref("coup_marketplace.price_list_klela_cashew", raise_if_not_found=False):
            self.skipTest("installed without demo data")
        klela = self.env.ref("coup_member_registry.company_coop_klela")
        agro = self.env.ref("coup_member_registry.company_coop_agroemprende")
        Purchase = self.env["coup.purchase"]
        mali = Purchase.search([("company_id", "=", klela.id), ("state", "=", "confirmed")])
        self.assertEqual(len(mali), 6)
        self.assertEqual(set(mali.mapped("payment_state")) & {"paid", "partial", "not_paid"},
                         {"paid", "partial", "not_paid"})
        self.assertEqual(mali.bill_id.currency_id, self.env.ref("base.XOF"))
        colombia = Purchase.search([("company_id", "=", agro.id)])
        self.assertEqual(len(colombia), 3)
        self.assertEqual(colombia.bill_id.currency_id, self.env.ref("base.COP"))
        for company in (klela, agro):
            self.assertFalse(Purchase._coup_check_integrity(company)["broken"])
