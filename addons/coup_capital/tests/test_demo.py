from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCapitalDemo(TransactionCase):

    def test_demo_capital(self):
        klela = self.env.ref("coup_member_registry.company_coop_klela", raise_if_not_found=False)
        if not klela or not self.env["coup.share.class"].search([("company_id", "=", klela.id)]):
            self.skipTest("installed without demo data")
        register = self.env["coup.share.movement"].search([("company_id", "=", klela.id)])
        self.assertEqual(len(register.filtered(lambda m: m.kind == "subscribed")), 12)
        self.assertEqual(len(register.filtered(lambda m: m.kind == "paid")), 24)
        self.assertFalse(self.env["coup.share.movement"]._coup_check_integrity(klela)["broken"])
        # XOF instalments without cents: 10,000 F in four parts of 2,500
        self.assertEqual(set(self.env["coup.share.instalment"].search(
            [("company_id", "=", klela.id)]).mapped("amount")), {2500.0})
        runs = self.env["coup.surplus.distribution"].search([])
        self.assertEqual(set(runs.mapped("state")), {"review"})
        for run in runs:
            self.assertEqual(run.fund_amount + run.interest_amount + run.patronage_amount,
                             run.surplus)
