from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL


class CoupShareRedemption(models.Model):
    """A member who leaves (or reduces their holding) gets their shares' paid value back:
    approved by a manager, the shares leave the register, the capital is reduced, what was
    paid is owed to the member and paid back at once or kept as a debt of the cooperative
    (AUSCOOP art. 22: the statutes may delay it; Ley 79 art. 49; CSA art. 6:120). What was
    never paid is cancelled."""

    _name = "coup.share.redemption"
    _description = "Share Redemption"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

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

    def write(self, vals):
        if set(vals) - {"state", "movement_id", "move_id", "refund_amount",
                        "message_follower_ids"} and self.filtered(lambda r: r.state != "draft"):
            raise UserError(_("An approved or refused redemption cannot be changed."))
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda r: r.state == "approved"):
            raise UserError(_("An approved redemption stays in the share register."))
        return super().unlink()

    def action_approve(self):
        self.check_access("write")
        if not self.env.user.has_group("coup_member_registry.group_coup_manager"):
            raise UserError(_("Only a manager of the cooperative approves redemptions."))
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(_("Only draft redemptions can be approved: this one was decided "
                              "already."))
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
            currency = redemption.currency_id
            paid = member._coup_capital_paid(share_class)
            # what was paid on the shares redeemed: the shares kept are deemed paid first
            kept_value = (held - redemption.quantity) * share_class.nominal_value
            refund = currency.round(max(0.0, min(redemption.amount, paid - kept_value)))
            unpaid = currency.round(redemption.amount - refund)
            movement = Movement._coup_record([{
                "company_id": company.id, "membership_id": member.id,
                "share_class_id": share_class.id, "kind": "redeemed",
                "date": redemption.date, "quantity": redemption.quantity,
                "amount": redemption.amount, "paid_amount": -refund}])
            move = redemption._coup_book(refund, unpaid)
            movement._coup_system().write({"move_id": move.id})
            redemption.write({"state": "approved", "movement_id": movement.id,
                              "move_id": move.id, "refund_amount": refund})
        return True

    def _coup_book(self, refund, unpaid):
        """Capital reduced by the nominal; the unpaid part cancelled against what the member
        owed; the paid part owed to the member, or paid from the cash or bank journal."""
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
        move = self.env["account.move"].sudo().with_company(company).create({
            "move_type": "entry", "journal_id": company._coup_capital_journal().id,
            "date": self.date, "ref": label, "line_ids": lines})
        move.action_post()
        return move

    def action_refuse(self):
        self.check_access("write")
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(_("Only draft redemptions can be refused."))
        self.write({"state": "refused"})
        return True
