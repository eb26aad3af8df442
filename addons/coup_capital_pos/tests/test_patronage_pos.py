from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.common import TestPointOfSaleCommon


@tagged("post_install", "-at_install")
class TestPatronageByShopPurchases(TestPointOfSaleCommon):
    """A consumer cooperative returns its surplus by what its members bought at its tills."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id |= cls.env.ref("coup_member_registry.group_coup_manager")
        cls.coop = cls.env.company
        cls.other_coop = cls.company_data_2["company"]
        Partner = cls.env["res.partner"]
        Membership = cls.env["coup.membership"].sudo()
        cls.lea = Partner.create({"name": "Léa Membre"})
        cls.marc = Partner.create({"name": "Marc Membre"})
        cls.tom = Partner.create({"name": "Tom, fils de Léa"})
        cls.stranger = Partner.create({"name": "Client de passage"})
        cls.lea_member = Membership.create({"partner_id": cls.lea.id, "company_id": cls.coop.id,
                                            "state": "active"})
        cls.marc_member = Membership.create({"partner_id": cls.marc.id,
                                             "company_id": cls.coop.id, "state": "active"})
        Membership.create({"partner_id": cls.tom.id, "company_id": cls.coop.id,
                           "state": "active", "membership_type": "affiliated",
                           "principal_membership_id": cls.lea_member.id})
        # Marc is a member of another cooperative too, and buys there
        Membership.create({"partner_id": cls.marc.id, "company_id": cls.other_coop.id,
                           "state": "active"})
        cls.pos_config.open_ui()
        cls.session = cls.pos_config.current_session_id

    def ticket(self, partner, price, qty=1, company=None):
        order = self.PosOrder.create({
            "company_id": (company or self.coop).id, "session_id": self.session.id,
            "partner_id": partner.id,
            "lines": [(0, 0, {"name": "L1", "product_id": self.product3.id,
                              "price_unit": price, "qty": qty, "tax_ids": [(6, 0, [])],
                              "price_subtotal": price * qty,
                              "price_subtotal_incl": price * qty})],
            "amount_total": price * qty, "amount_tax": 0.0, "amount_paid": 0.0,
            "amount_return": 0.0})
        self.pay(order)
        return order

    def pay(self, order):
        context = {"active_ids": order.ids, "active_id": order.id}
        self.PosMakePayment.with_context(**context).create({
            "amount": order.amount_total,
            "payment_method_id": self.cash_payment_method.id}).with_context(**context).check()
        self.assertEqual(order.state, "paid")

    def make_run(self, **vals):
        return self.env["coup.surplus.distribution"].create(dict({
            "name": "Ristourne 2026", "company_id": self.coop.id,
            "date_from": "2026-01-01", "date_to": "2099-12-31", "surplus": 1000,
            "patronage_basis": "shop_purchases"}, **vals))

    def test_patronage_by_purchases_refund_household_other_coop(self):
        """Léa buys 300 and her son 100 on the family card: 400 for her household. Marc buys
        600, brings it all back (a refund, paid), and buys 200: 200. The return of 600 goes
        400 to Léa, 200 to Marc; Marc's purchases at the other cooperative, a passer-by's and
        an unpaid ticket count for nothing."""
        self.ticket(self.lea, 150, qty=2)
        self.ticket(self.tom, 100)
        marc_ticket = self.ticket(self.marc, 300, qty=2)
        refund = self.PosOrder.browse(marc_ticket.refund()["res_id"])
        self.assertEqual(refund.amount_total, -600)
        self.pay(refund)
        self.ticket(self.marc, 200)
        self.ticket(self.marc, 5000, company=self.other_coop)
        self.ticket(self.stranger, 900)
        self.PosOrder.create({
            "company_id": self.coop.id, "session_id": self.session.id,
            "partner_id": self.marc.id, "amount_total": 700, "amount_tax": 0,
            "amount_paid": 0, "amount_return": 0})
        run = self.make_run(surplus=600)
        run.action_compute()
        lines = {line.membership_id: line for line in run.member_line_ids}
        self.assertEqual(set(lines), {self.lea_member, self.marc_member})
        self.assertAlmostEqual(lines[self.lea_member].basis, 400)
        self.assertAlmostEqual(lines[self.marc_member].basis, 200)
        self.assertEqual(lines[self.lea_member].patronage, 400)
        self.assertEqual(lines[self.marc_member].patronage, 200)

    def test_added_to_deliveries_by_value_only(self):
        if "delivery_value" not in dict(
                self.env["coup.surplus.distribution"]._fields["patronage_basis"].selection):
            with self.assertRaisesRegex(ValidationError, "Capital Paid"):
                self.make_run(patronage_basis="capital", patronage_add_shop=True)
            return
        self.ticket(self.lea, 250)
        run = self.make_run(patronage_basis="delivery_value", patronage_add_shop=True)
        run.action_compute()
        self.assertAlmostEqual(run.member_line_ids.filtered(
            lambda l: l.membership_id == self.lea_member).basis, 250)
        with self.assertRaisesRegex(ValidationError, "kg"):
            run.write({"patronage_basis": "delivery_kg"})

    def test_the_shop_basis_is_read_once(self):
        for __ in range(3):
            self.ticket(self.lea, 10)
            self.ticket(self.marc, 10)
        run = self.make_run()
        with self.assertQueryCount(3):
            basis = run._coup_shop_purchases()
        self.assertEqual(basis, {self.lea_member.id: 30, self.marc_member.id: 30})
