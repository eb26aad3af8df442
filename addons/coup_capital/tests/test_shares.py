from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestShares(CoupCapitalCase):

    def test_subscription_in_instalments_xof(self):
        """Awa subscribes 3 parts of 10,000 F CFA in 4 instalments: the schedule adds up to
        30,000 F without cents, the shares get numbers 1-3, the capital is booked."""
        subscription = self.subscribe(self.awa, self.class_ml, 3, instalments=4)
        self.assertEqual(subscription.state, "confirmed")
        self.assertEqual((subscription.number_from, subscription.number_to), (1, 3))
        amounts = subscription.instalment_ids.mapped("amount")
        self.assertEqual(amounts, [7500.0, 7500.0, 7500.0, 7500.0])
        self.assertEqual(sum(amounts), 30000)
        # three instalments of a share of 10,000 F: 3,333 + 3,333 + 3,334, no cents
        odd = self.subscribe(self.moussa, self.class_ml, 1, instalments=3)
        self.assertEqual(odd.instalment_ids.mapped("amount"), [3333.0, 3333.0, 3334.0])
        self.assertEqual((odd.number_from, odd.number_to), (4, 4))
        move = subscription.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.currency_id, self.env.ref("base.XOF"))
        capital, receivable, __ = self.coop_ml._coup_capital_accounts()
        self.assertEqual(sum(move.line_ids.filtered(lambda l: l.account_id == capital)
                             .mapped("credit")), 30000)
        self.assertEqual(sum(move.line_ids.filtered(lambda l: l.account_id == receivable)
                             .mapped("debit")), 30000)
        self.awa.invalidate_recordset()
        self.assertEqual(self.awa.capital_shares, 3)
        self.assertEqual(self.awa.capital_subscribed, 30000)
        self.assertEqual(self.awa.capital_paid, 0)
        self.assertEqual(self.awa.capital_unpaid, 30000)

    def test_pay_instalments(self):
        """Paying the first instalment: posted on the cash journal, reconciled, written in
        the register; called capital counts the instalments past due."""
        subscription = self.subscribe(self.awa, self.class_ml, 2, instalments=2)
        first = subscription.instalment_ids[0]
        first.with_user(self.user_ml).action_pay(date=subscription.date)
        self.assertEqual(first.state, "paid")
        self.assertEqual(first.move_id.state, "posted")
        self.assertTrue(first.move_id.line_ids.filtered(
            lambda l: l.account_id.account_type == "asset_receivable").reconciled)
        self.assertEqual(first.movement_id.kind, "paid")
        self.assertEqual(first.movement_id.state, "confirmed")
        self.awa.invalidate_recordset()
        self.assertEqual(self.awa.capital_paid, 10000)
        self.assertEqual(self.awa.capital_unpaid, 10000)
        # the second instalment falls due three months later, before today (2026-12)
        self.assertEqual(self.awa.capital_called, 20000)
        self.assertEqual(subscription.residual, 10000)

    def test_applicant_becomes_member_on_first_payment(self):
        applicant = self.make_member("Fatoumata Keita", self.coop_ml, state="candidate")
        subscription = self.subscribe(applicant, self.class_ml, 1)
        self.assertEqual(applicant.state, "candidate")
        subscription.instalment_ids.action_pay()
        self.assertEqual(applicant.state, "active")

    def test_share_numbers_gap_free_per_cooperative(self):
        self.subscribe(self.awa, self.class_ml, 2)
        colombia = self.subscribe(self.diego, self.class_co, 5)
        self.assertEqual((colombia.number_from, colombia.number_to), (1, 5))
        moussa = self.subscribe(self.moussa, self.class_ml, 3)
        self.assertEqual((moussa.number_from, moussa.number_to), (3, 5))
        register = self.env["coup.share.movement"].search(
            [("company_id", "=", self.coop_ml.id)], order="sequence_number")
        self.assertEqual(register.mapped("name"), ["REG/000001", "REG/000002"])
        result = self.env["coup.share.movement"]._coup_check_integrity(self.coop_ml)
        self.assertFalse(result["broken"])
        self.assertEqual(result["count"], 2)

    def test_transfer_between_members(self):
        subscription = self.subscribe(self.awa, self.class_ml, 4)
        subscription.instalment_ids.action_pay()
        transfer = self.env["coup.share.transfer"].with_user(self.manager_ml).create({
            "company_id": self.coop_ml.id, "from_membership_id": self.awa.id,
            "to_membership_id": self.moussa.id, "share_class_id": self.class_ml.id,
            "quantity": 3})
        transfer.action_approve()
        self.assertEqual(transfer.state, "approved")
        self.assertEqual(sorted(transfer.movement_ids.mapped("kind")),
                         ["transfer_in", "transfer_out"])
        (self.awa | self.moussa).invalidate_recordset()
        self.assertEqual((self.awa.capital_shares, self.awa.capital_paid), (1, 10000))
        self.assertEqual((self.moussa.capital_shares, self.moussa.capital_paid), (3, 30000))

    def test_redemption_kept_as_debt(self):
        """Awa leaves with 2 shares, one paid: 10,000 F owed to her, 10,000 F cancelled."""
        subscription = self.subscribe(self.awa, self.class_ml, 2, instalments=2)
        subscription.instalment_ids[0].action_pay()
        redemption = self.env["coup.share.redemption"].with_user(self.manager_ml).create({
            "company_id": self.coop_ml.id, "membership_id": self.awa.id,
            "share_class_id": self.class_ml.id, "quantity": 2, "settlement": "debt"})
        redemption.action_approve()
        self.assertEqual(redemption.refund_amount, 10000)
        __, __, payable = self.coop_ml._coup_capital_accounts()
        self.assertEqual(sum(redemption.move_id.line_ids.filtered(
            lambda l: l.account_id == payable).mapped("credit")), 10000)
        self.awa.invalidate_recordset()
        self.assertEqual((self.awa.capital_shares, self.awa.capital_paid), (0, 0))

    def test_register_pdf(self):
        self.subscribe(self.awa, self.class_ml, 2)
        register = self.env["coup.share.movement"].search([("company_id", "=", self.coop_ml.id)])
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_capital.report_share_register", register.ids)[0].decode()
        self.assertIn("Share Register", html)
        self.assertIn("Awa Coulibaly", html)
        self.assertIn("REG/000001", html)

    def test_default_accounts_by_chart(self):
        capital, receivable, payable = self.coop_co._coup_capital_accounts()
        self.assertEqual(capital.account_type, "equity")
        self.assertEqual(receivable.account_type, "asset_receivable")
        self.assertEqual(payable.account_type, "liability_payable")
        self.coop_co.chart_template = "co"
        self.coop_co.coup_capital_account_id = False
        capital = self.coop_co._coup_capital_accounts()[0]
        self.assertTrue(capital.code.startswith("3115"))

    def redeem(self, quantity, date, member=None):
        redemption = self.env["coup.share.redemption"].with_user(self.manager_ml).create({
            "company_id": self.coop_ml.id, "membership_id": (member or self.awa).id,
            "share_class_id": self.class_ml.id, "quantity": quantity, "date": date})
        redemption.action_approve()
        return redemption

    def test_holding_period(self):
        """The statutes ask that a share be held 36 months: refused before, naming the date
        it becomes possible; the shares held longest go first."""
        self.class_ml.holding_months = 36
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()  # 2026-01-15
        late = self.env["coup.share.subscription"].create({
            "company_id": self.coop_ml.id, "membership_id": self.awa.id,
            "share_class_id": self.class_ml.id, "quantity": 1, "date": "2027-03-01"})
        late.action_confirm()
        with self.assertRaisesRegex(ValidationError, "can be redeemed from 01/15/2029.*36 "
                                                     "months"):
            self.redeem(1, "2029-01-14")
        self.assertFalse(self.env["coup.share.redemption"].search(
            [("membership_id", "=", self.awa.id), ("state", "=", "approved")]))
        # the two oldest shares first: possible on 2029-01-15; the third waits until 2030-03-01
        self.assertEqual(self.redeem(2, "2029-01-15").state, "approved")
        with self.assertRaisesRegex(ValidationError, "from 03/01/2030"):
            self.redeem(1, "2030-02-28")
        self.class_ml.holding_months = 0
        self.assertEqual(self.redeem(1, "2030-02-28").state, "approved")

    def test_redemption_capped_by_book_value(self):
        """Nominal capped by book value: the member gets back 8,000 F a share, the rest of
        what they paid stays with the cooperative (the result to allocate)."""
        self.class_ml.redemption_value = "book"
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()
        with self.assertRaisesRegex(UserError, "book value per share"):
            self.redeem(1, "2026-06-01")
        self.class_ml.book_value = 8000
        redemption = self.redeem(2, "2026-06-01")
        self.assertEqual(redemption.refund_amount, 16000)
        lines = redemption.move_id.line_ids
        __, __, payable = self.coop_ml._coup_capital_accounts()
        self.assertEqual(sum(lines.filtered(lambda l: l.account_id == payable).mapped("credit")),
                         16000)
        self.assertEqual(sum(lines.filtered(
            lambda l: l.account_id == self.coop_ml._coup_surplus_account()).mapped("credit")),
            4000)
        self.awa.invalidate_recordset()
        self.assertEqual((self.awa.capital_shares, self.awa.capital_paid), (0, 0))
        # a book value above the nominal does not pay more than was paid
        self.class_ml.book_value = 12000
        self.subscribe(self.moussa, self.class_ml, 1).instalment_ids.action_pay()
        self.assertEqual(self.redeem(1, "2026-06-01", self.moussa).refund_amount, 10000)
