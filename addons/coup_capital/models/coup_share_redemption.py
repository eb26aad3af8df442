from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date


class CoupShareRedemption(models.Model):
    """A member who leaves (or reduces their holding) gets their shares' paid value back:
    approved by a manager, the shares leave the register, the capital is reduced, what was
    paid is owed to the member and paid back at once or kept as a debt of the cooperative
    (AUSCOOP art. 22: the statutes may delay it; Ley 79 art. 49; CSA art. 6:120). What was
    never paid is cancelled."""

    _name = "coup.share.redemption"
    _description = "Share Redemption"
    _inherit = ["mail.thread", "coup.capital.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _coup_decision_fields = frozenset({"movement_id", "move_id", "refund_amount"})

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, index=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Contact")
    share_class_id = fields.Many2one(
        "coup.share.class", string="Share Class", required=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    quantity = fields.Integer(string="Shares", required=True, default=1)
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Nominal")
    refund_amount = fields.Monetary(string="Paid Back", readonly=True, copy=False)
    date = fields.Date(required=True, default=fields.Date.context_today)
    settlement = fields.Selection([("pay", "Paid Back Now"), ("debt", "Kept as a Debt")],
                                  default="debt", required=True)
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved"),
                              ("refused", "Refused")], default="draft", required=True,
                             readonly=True, tracking=True, copy=False)
    movement_id = fields.Many2one("coup.share.movement", string="Register Line",
                                  readonly=True, copy=False)
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, copy=False)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A redemption is of one share at least."),
    ]

    @api.depends("quantity", "share_class_id.nominal_value")
    def _compute_amount(self):
        for redemption in self:
            redemption.amount = redemption.quantity * redemption.share_class_id.nominal_value

    def action_approve(self):
        self.check_access("write")
        if not self.env.user.has_group("coup_member_registry.group_coup_manager"):
            raise UserError(_("Only a manager of the cooperative approves redemptions."))
        self._coup_check_pending()
        Movement = self.env["coup.share.movement"]
        for redemption in self:
            member, share_class = redemption.membership_id, redemption.share_class_id
            company = redemption.company_id
            if member.company_id != company or share_class.company_id != company:
                raise ValidationError(_("%(member)s is not a member of %(coop)s.",
                                        member=member.display_name, coop=company.name))
            # the member's row is locked: two redemptions approved at once are counted one
            # after the other
            self.env.cr.execute(SQL("SELECT id FROM coup_membership WHERE id = %s FOR UPDATE",
                                    member.id))
            held = Movement._coup_held(member, share_class).get(member.id, 0)
            if redemption.quantity > held:
                raise ValidationError(_(
                    "%(member)s holds %(held)s shares of %(cls)s: %(qty)s cannot be redeemed.",
                    member=member.display_name, held=held, cls=share_class.name,
                    qty=redemption.quantity))
            redemption._coup_check_holding()
            currency = redemption.currency_id
            paid = member._coup_capital_paid(share_class)
            # what was paid on the shares redeemed: the shares kept are deemed paid first
            kept_value = (held - redemption.quantity) * share_class.nominal_value
            paid_back = currency.round(max(0.0, min(redemption.amount, paid - kept_value)))
            unpaid = currency.round(redemption.amount - paid_back)
            refund = redemption._coup_refund(paid_back)
            movement = Movement._coup_record([{
                "company_id": company.id, "membership_id": member.id,
                "share_class_id": share_class.id, "kind": "redeemed",
                "date": redemption.date, "quantity": redemption.quantity,
                "amount": redemption.amount, "paid_amount": -paid_back}])
            move = redemption._coup_book(refund, unpaid, kept=currency.round(paid_back - refund))
            movement._coup_system().write({"move_id": move.id})
            redemption._coup_decide("approved", {"movement_id": movement.id,
                                                 "move_id": move.id, "refund_amount": refund})
        return True

    def _coup_check_holding(self):
        """The statutes' minimum holding: the shares held longest go first (in the order of
        the register), and the last of them must have been held ``holding_months``."""
        self.ensure_one()
        months = self.share_class_id.holding_months
        if not months:
            return
        movements = self.env["coup.share.movement"].sudo().search_fetch(
            [("membership_id", "=", self.membership_id.id),
             ("share_class_id", "=", self.share_class_id.id), ("state", "=", "confirmed"),
             ("kind", "in", ("subscribed", "transfer_in", "transfer_out", "redeemed"))],
            ["kind", "date", "quantity"], order="date, sequence_number")
        lots = [[m.date, m.quantity] for m in movements if m.held_change > 0]
        gone = sum(m.quantity for m in movements if m.held_change < 0)
        for lot in lots:  # the shares already gone out were the oldest
            used = min(gone, lot[1])
            lot[1] -= used
            gone -= used
        wanted, acquired = self.quantity, None
        for date, quantity in lots:
            if wanted <= 0:
                break
            if quantity:
                acquired = date
                wanted -= quantity
        if not acquired:
            return
        possible = acquired + relativedelta(months=months)
        if self.date < possible:
            raise ValidationError(_(
                "%(member)s's shares of %(cls)s can be redeemed from %(date)s: the statutes "
                "ask that a share be held %(months)s months (held since %(since)s).",
                member=self.membership_id.display_name, cls=self.share_class_id.name,
                date=format_date(self.env, possible), months=months,
                since=format_date(self.env, acquired)))

    def _coup_refund(self, paid_back):
        """What the member gets back for what they paid on the shares: all of it, or no more
        than the shares' book value when the statutes say so."""
        self.ensure_one()
        share_class = self.share_class_id
        if share_class.redemption_value != "book":
            return paid_back
        if not share_class.book_value:
            raise UserError(_(
                "%(cls)s is redeemed at no more than its book value: enter the book value per "
                "share of the last approved balance sheet on the share class.",
                cls=share_class.name))
        cap = self.currency_id.round(self.quantity * share_class.book_value)
        return min(paid_back, cap)

    def _coup_book(self, refund, unpaid, kept=0.0):
        """Capital reduced by the nominal; the unpaid part cancelled against what the member
        owed; the paid part owed to the member, or paid from the cash or bank journal; what
        the book value leaves of it (the member's share of the losses) stays with the
        cooperative, to the result to allocate."""
        self.ensure_one()
        company = self.company_id
        capital, receivable, payable = company._coup_capital_accounts()
        label = _("Redemption of %(qty)s × %(cls)s, %(member)s", qty=self.quantity,
                  cls=self.share_class_id.name, member=self.membership_id.display_name)
        partner = self.partner_id.id
        lines = [fields.Command.create({"account_id": capital.id, "partner_id": partner,
                                        "name": label, "debit": self.amount})]
        if unpaid:
            lines.append(fields.Command.create({"account_id": receivable.id,
                                                "partner_id": partner, "name": label,
                                                "credit": unpaid}))
        if refund:
            account = company._coup_capital_payment_journal().default_account_id \
                if self.settlement == "pay" else payable
            lines.append(fields.Command.create({"account_id": account.id, "partner_id": partner,
                                                "name": label, "credit": refund}))
        if kept:
            lines.append(fields.Command.create({
                "account_id": company._coup_surplus_account().id, "partner_id": partner,
                "name": label, "credit": kept}))
        move = self.env["account.move"].sudo().with_company(company).create({
            "move_type": "entry", "journal_id": company._coup_capital_journal().id,
            "date": self.date, "ref": label, "line_ids": lines})
        move.action_post()
        return move
