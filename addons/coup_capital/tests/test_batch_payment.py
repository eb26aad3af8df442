from odoo.tests import tagged

from .common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestBatchPayment(CoupCapitalCase):

    def test_a_day_of_receipts_in_one_entry(self):
        """The cashier receives three members' instalments at once (Awa two of hers): one
        entry for the batch, each member's payment settled against their own subscription
        only, one register line per instalment, sealed in the chain, and Fatoumata, an
        applicant, becomes a member."""
        fatoumata = self.make_member("Fatoumata Keita", self.coop_ml, state="candidate")
        awa = self.subscribe(self.awa, self.class_ml, 2, instalments=2)
        moussa = self.subscribe(self.moussa, self.class_ml, 3, instalments=3)
        fatou = self.subscribe(fatoumata, self.class_ml, 1)
        batch = awa.instalment_ids | moussa.instalment_ids[0] | fatou.instalment_ids
        batch.with_user(self.user_ml).action_pay(date=awa.date)
        self.assertEqual(set(batch.mapped("state")), {"paid"})
        self.assertEqual(len(batch.move_id), 1)
        move = batch.move_id
        self.assertEqual(move.state, "posted")
        self.assertEqual(sum(move.line_ids.mapped("debit")), 20000 + 10000 + 10000)
        __, receivable, __ = self.coop_ml._coup_capital_accounts()
        self.assertTrue(awa.move_id.line_ids.filtered(
            lambda l: l.account_id == receivable).reconciled)
        self.assertTrue(fatou.move_id.line_ids.filtered(
            lambda l: l.account_id == receivable).reconciled)
        moussa_debt = moussa.move_id.line_ids.filtered(lambda l: l.account_id == receivable)
        self.assertFalse(moussa_debt.reconciled)
        self.assertEqual(moussa_debt.amount_residual, 20000)
        for line in move.line_ids.filtered(lambda l: l.account_id == receivable):
            partials = line.matched_debit_ids.debit_move_id
            self.assertEqual(partials.partner_id, line.partner_id,
                             "a payment settles its own member's subscription only")
        movements = batch.movement_id
        self.assertEqual(len(movements), 4)
        self.assertEqual(set(movements.mapped("kind")), {"paid"})
        self.assertEqual({i.membership_id for i in batch},
                         {m.membership_id for m in movements})
        for instalment in batch:
            self.assertEqual(instalment.movement_id.paid_amount, instalment.amount)
            self.assertEqual(instalment.movement_id.membership_id, instalment.membership_id)
            self.assertEqual(instalment.movement_id.move_id, move)
        self.assertFalse(self.env["coup.share.movement"]._coup_check_integrity(
            self.coop_ml)["broken"])
        self.assertEqual(fatoumata.state, "active")
        self.assertEqual(moussa.residual, 20000)

    def test_paying_more_costs_no_more_queries_each(self):
        """Queries do not grow with the batch: 12 instalments cost hardly more than 2."""
        members = [self.make_member("Membre %s" % n, self.coop_ml) for n in range(14)]
        subscriptions = self.env["coup.share.subscription"].create([{
            "company_id": self.coop_ml.id, "membership_id": member.id,
            "share_class_id": self.class_ml.id, "quantity": 1, "date": "2026-01-15"}
            for member in members])
        subscriptions.action_confirm()
        small, large = subscriptions[:2].instalment_ids, subscriptions[2:].instalment_ids
        counts = []
        for batch in (small, large):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            batch.with_user(self.user_ml).action_pay(date="2026-01-15")
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertLess(counts[1], counts[0] + 40, counts)
