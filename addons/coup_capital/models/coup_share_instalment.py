from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.coup_member_registry.tools.bulk_create import bulk_write


class CoupShareInstalment(models.Model):
    """One payment due on a subscription. Paid through the cooperative's cash or bank
    journal: the entry settles the member's unpaid capital and the payment is written in the
    share register. Nobody ticks an instalment paid by hand."""

    _name = "coup.share.instalment"
    _description = "Share Instalment"
    _order = "due_date, subscription_id, sequence"
    _check_company_auto = True

    subscription_id = fields.Many2one("coup.share.subscription", required=True, index=True,
                                      ondelete="cascade")
    sequence = fields.Integer()
    company_id = fields.Many2one(related="subscription_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="subscription_id.currency_id")
    membership_id = fields.Many2one(related="subscription_id.membership_id", store=True,
                                    index=True)
    partner_id = fields.Many2one(related="subscription_id.partner_id", store=True, index=True,
                                 string="Contact")
    due_date = fields.Date(required=True, index=True)
    amount = fields.Monetary(required=True)
    state = fields.Selection([("due", "Due"), ("paid", "Paid")], default="due", required=True,
                             readonly=True, index=True)
    payment_date = fields.Date(readonly=True)
    move_id = fields.Many2one("account.move", string="Payment Entry", readonly=True)
    movement_id = fields.Many2one("coup.share.movement", string="Register Line", readonly=True)
    is_late = fields.Boolean(compute="_compute_is_late")

    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for instalment in self:
            instalment.is_late = instalment.state == "due" and instalment.due_date < today

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("Instalments follow from their subscription and are paid with "
                              "the Pay button: they are not edited by hand."))
        return super().write(vals)

    def action_pay(self, journal=None, date=None):
        """Receive the instalments: one entry each (cash or bank / members' unpaid capital,
        reconciled with the subscription), a payment line in the register, and an applicant
        whose first share is paid becomes a member."""
        self.check_access("read")
        if not self.env.user.has_group("coup_member_registry.group_coup_user"):
            raise UserError(_("Only the cooperative's staff receive payments."))
        if self.filtered(lambda i: i.state == "paid"):
            raise UserError(_("%(inst)s is paid already.",
                              inst=self.filtered(lambda i: i.state == "paid")[0].display_name))
        date = date or fields.Date.context_today(self)
        by_company = {}
        for instalment in self:
            company = instalment.company_id
            if company not in by_company:
                by_company[company] = journal or company._coup_capital_payment_journal()
        for company, pay_journal in by_company.items():
            self.filtered(lambda i: i.company_id == company)._coup_pay(
                pay_journal.default_account_id, pay_journal, date)
        return True

    def _coup_pay(self, account, journal, date):
        """Settle the instalments from ``account`` (the cash or bank account, or what the
        cooperative owes the member when a return is converted into shares).

        Set-based, for a day's receipts as for one: per cooperative one entry for the batch
        with a pair of lines per instalment (each member's ledger reads as before), each
        member's lines reconciled with their subscription's in one reconciliation plan, the
        register's payment lines written and sealed in one chain, and the instalments marked
        paid in one statement."""
        Movement = self.env["coup.share.movement"]
        Line = self.env["account.move.line"].sudo()
        # the caller's rights are checked by action_pay; the entries are the system's
        instalments = self.sudo().sorted(lambda i: (i.due_date, i.id))
        for company in instalments.company_id:
            batch = instalments.filtered(lambda i: i.company_id == company)
            __, receivable, __ = company._coup_capital_accounts()
            labels = [self.env._("%(sub)s: instalment %(n)s", sub=i.subscription_id.name,
                                 n=i.sequence) for i in batch]
            line_values = []
            debit_analytic = company._coup_capital_analytic(account)
            credit_analytic = company._coup_capital_analytic(receivable)
            for instalment, label in zip(batch, labels):
                line_values += [
                    fields.Command.create({
                        "account_id": account.id, "partner_id": instalment.partner_id.id,
                        "name": label, "debit": instalment.amount, **debit_analytic}),
                    fields.Command.create({
                        "account_id": receivable.id, "partner_id": instalment.partner_id.id,
                        "name": label, "credit": instalment.amount, **credit_analytic}),
                ]
            # a journal entry, no invoice: no dynamic lines (taxes, terms) to sync, as Odoo
            # creates its own reversal entries (its balance is still checked)
            move = self.env["account.move"].sudo().with_company(company).with_context(
                skip_invoice_sync=True).create({
                "move_type": "entry", "journal_id": journal.id, "date": date,
                "ref": labels[0] if len(batch) == 1 else self.env._(
                    "%(count)s share instalments", count=len(batch)),
                "line_ids": line_values})
            move.action_post()
            # each subscription's unpaid capital against its payments, never another member's
            credits = move.line_ids.filtered(lambda l: l.account_id == receivable).sorted("id")
            groups = {}
            for instalment, credit in zip(batch, credits):
                subscription = instalment.subscription_id
                groups.setdefault((subscription.move_id.id, credit.partner_id.id), Line)
                groups[(subscription.move_id.id, credit.partner_id.id)] |= credit
            debits = batch.subscription_id.move_id.line_ids.filtered(
                lambda l: l.account_id == receivable and not l.reconciled)
            plan = []
            for (move_id, partner_id), lines in groups.items():
                plan.append(lines | debits.filtered(
                    lambda l: l.move_id.id == move_id and l.partner_id.id == partner_id))
            Line._reconcile_plan(plan)
            movements = Movement._coup_record([{
                "company_id": company.id, "membership_id": instalment.membership_id.id,
                "share_class_id": instalment.subscription_id.share_class_id.id, "kind": "paid",
                "date": date, "quantity": 0, "amount": 0.0, "paid_amount": instalment.amount,
                "subscription_id": instalment.subscription_id.id} for instalment in batch])
            movements._coup_system().write({"move_id": move.id})
            batch.sudo().write({"state": "paid", "payment_date": date, "move_id": move.id})
            bulk_write(batch, ["movement_id"], [(instalment.id, movement.id)
                                                for instalment, movement in zip(batch, movements)])
        applicants = self.membership_id.filtered(lambda m: m.state == "candidate")
        if applicants:
            applicants.sudo().write({"state": "active"})
        return True

    def _coup_paid_in_opening_balance(self):
        """Instalments an imported register says were paid, when its capital is in the
        opening balance already: written paid in the share register, with no entry."""
        Movement = self.env["coup.share.movement"]
        movements = Movement._coup_record([{
            "company_id": instalment.company_id.id,
            "membership_id": instalment.membership_id.id,
            "share_class_id": instalment.subscription_id.share_class_id.id, "kind": "paid",
            "date": instalment.due_date, "quantity": 0, "amount": 0.0,
            "paid_amount": instalment.amount,
            "subscription_id": instalment.subscription_id.id} for instalment in self])
        for instalment, movement in zip(self, movements):
            instalment.sudo().write({"state": "paid", "payment_date": instalment.due_date,
                                     "movement_id": movement.id})
        applicants = self.membership_id.filtered(lambda m: m.state == "candidate")
        if applicants:
            applicants.sudo().write({"state": "active"})

    @api.depends("subscription_id", "sequence", "due_date")
    def _compute_display_name(self):
        for instalment in self:
            instalment.display_name = _("%(member)s, instalment %(n)s due %(date)s",
                                        member=instalment.membership_id.display_name or "",
                                        n=instalment.sequence, date=instalment.due_date)
