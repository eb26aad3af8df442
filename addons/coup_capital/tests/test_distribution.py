import io

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestDistribution(CoupCapitalCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reserve_account = cls.env["account.account"].create({
            "name": "Réserve légale", "code": "111000", "account_type": "equity",
            "company_ids": [cls.coop_ml.id]})
        cls.fatou = cls.make_member("Fatoumata Keita", cls.coop_ml)

    def make_run(self, **vals):
        return self.env["coup.surplus.distribution"].with_user(self.manager_ml).create(dict({
            "name": "Ristournes 2026", "company_id": self.coop_ml.id,
            "date_from": "2026-01-01", "date_to": "2026-12-31", "surplus": 100000,
            "interest_rate": 5, "fund_line_ids": [(0, 0, {
                "name": "Réserve légale", "percent": 20,
                "account_id": self.reserve_account.id})]}, **vals))

    def pay_shares(self, member, quantity):
        self.subscribe(member, self.class_ml, quantity).instalment_ids.action_pay(
            date=__import__("datetime").date(2026, 1, 15))

    def test_distribution_by_capital_xof(self):
        """100,000 F: 20 % reserve, 5 % interest on 30,000 F and 10,000 F paid, the rest
        (78,000 F) shared 3:1 without a cent."""
        self.pay_shares(self.awa, 3)
        self.pay_shares(self.moussa, 1)
        run = self.make_run()
        run.action_compute()
        self.assertEqual(run.state, "review")
        self.assertEqual(run.fund_amount, 20000)
        lines = {l.membership_id: l for l in run.member_line_ids}
        self.assertEqual(lines[self.awa].interest, 1500)
        self.assertEqual(lines[self.moussa].interest, 500)
        self.assertEqual(lines[self.awa].patronage, 58500)
        self.assertEqual(lines[self.moussa].patronage, 19500)
        self.assertEqual(run.fund_amount + run.interest_amount + run.patronage_amount, 100000)
        # the review table, as the board exports it
        sheet = openpyxl.load_workbook(io.BytesIO(run._coup_review_xlsx())).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][1], "Member")
        self.assertEqual(sorted(r[6] for r in rows[1:]), [20000, 60000])
        run.action_approve()
        run.action_post()
        self.assertEqual(run.state, "posted")
        self.assertEqual(run.move_id.state, "posted")
        __, __, payable = self.coop_ml._coup_capital_accounts()
        owed = run.move_id.line_ids.filtered(lambda l: l.account_id == payable)
        self.assertEqual(sum(owed.mapped("credit")), 80000)
        with self.assertRaises(UserError):
            run.write({"surplus": 1})

    def test_posted_entry_xof(self):
        """The entry of a distribution posted in one create (no dynamic-line sync, the
        analytic distribution looked up once): accounts, partners, amounts in XOF without a
        cent, balanced; an analytic model on the payable account reaches every member's line,
        a model for one member only theirs."""
        plan = self.env["account.analytic.plan"].create({"name": "Campagnes"})
        season, awa_only = self.env["account.analytic.account"].create([
            {"name": "Campagne 2026", "plan_id": plan.id, "company_id": self.coop_ml.id},
            {"name": "Awa", "plan_id": plan.id, "company_id": self.coop_ml.id}])
        __, __, payable = self.coop_ml._coup_capital_accounts()
        Model = self.env["account.analytic.distribution.model"]
        Model.create({"account_prefix": payable.code, "company_id": self.coop_ml.id,
                      "analytic_distribution": {str(season.id): 100}})
        for member in (self.awa, self.moussa, self.fatou):
            self.pay_shares(member, 1)
        run = self.make_run(surplus=10001, interest_rate=0)
        run.action_compute()
        run.action_approve()
        run.action_post()
        move = run.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.currency_id, self.env.ref("base.XOF"))
        self.assertEqual(move.journal_id, self.coop_ml._coup_capital_journal())
        self.assertEqual(sum(move.line_ids.mapped("debit")), sum(move.line_ids.mapped("credit")))
        surplus = move.line_ids.filtered(lambda l: l.debit)
        self.assertEqual((surplus.account_id, surplus.debit),
                         (self.coop_ml._coup_surplus_account(), 10001))
        reserve = move.line_ids.filtered(lambda l: l.account_id == self.reserve_account)
        self.assertEqual(reserve.credit, 2000)
        owed = move.line_ids.filtered(lambda l: l.account_id == payable)
        self.assertEqual(sorted(owed.mapped("credit")), [2667, 2667, 2667])
        self.assertEqual(owed.partner_id, (self.awa | self.moussa | self.fatou).partner_id)
        self.assertTrue(all(line.amount_currency == -line.credit for line in owed))
        self.assertEqual(owed.mapped("analytic_distribution"), [{str(season.id): 100}] * 3)
        # a model for one member: Odoo's lookup line by line, each member their own
        Model.create({"account_prefix": payable.code, "company_id": self.coop_ml.id,
                      "partner_id": self.awa.partner_id.id,
                      "analytic_distribution": {str(awa_only.id): 100}})
        self.assertEqual(self.coop_ml._coup_capital_analytic(payable), {})
        second = self.make_run(name="Ristournes 2026 bis", surplus=3000, interest_rate=0,
                               fund_line_ids=[])
        second.action_compute()
        second.action_approve()
        second.action_post()
        owed = second.move_id.line_ids.filtered(lambda l: l.account_id == payable)
        by_partner = {line.partner_id: line.analytic_distribution for line in owed}
        self.assertEqual(by_partner[self.awa.partner_id], {str(awa_only.id): 100})
        self.assertEqual(by_partner[self.moussa.partner_id], {str(season.id): 100})

    def test_rounding_remainder_xof(self):
        """10,001 F shared by three equal members: 3,334 + 3,334 + 3,333."""
        for member in (self.awa, self.moussa, self.fatou):
            self.pay_shares(member, 1)
        run = self.make_run(surplus=10001, interest_rate=0, fund_line_ids=[])
        run.action_compute()
        self.assertEqual(sorted(run.member_line_ids.mapped("patronage")), [3333, 3334, 3334])

    def test_lines_over_100_percent(self):
        with self.assertRaisesRegex(ValidationError, "101"):
            self.make_run(fund_line_ids=[
                (0, 0, {"name": "Réserve légale", "percent": 60}),
                (0, 0, {"name": "Fonds d'éducation", "percent": 41})])
        run = self.make_run()
        with self.assertRaises(ValidationError):
            run.write({"fund_line_ids": [(0, 0, {"name": "Solidarité", "percent": 90})]})

    def test_interest_above_cap(self):
        with self.assertRaisesRegex(ValidationError, "cap"):
            self.make_run(interest_rate=8, interest_cap=6)

    def test_converted_into_shares(self):
        self.pay_shares(self.awa, 3)
        run = self.make_run(surplus=50000, interest_rate=0, fund_line_ids=[],
                            settlement="shares", share_class_id=self.class_ml.id)
        run.action_compute()
        run.action_approve()
        run.action_post()
        line = run.member_line_ids
        self.assertEqual(line.total, 50000)
        self.assertEqual(line.shares_issued, 5)
        self.awa.invalidate_recordset()
        self.assertEqual(self.awa.capital_shares, 8)
        self.assertEqual(self.awa.capital_paid, 80000)

    def test_user_cannot_approve(self):
        self.pay_shares(self.awa, 1)
        run = self.make_run()
        run.action_compute()
        with self.assertRaises(Exception):
            run.with_user(self.user_ml).action_approve()
        self.assertEqual(run.state, "review")
