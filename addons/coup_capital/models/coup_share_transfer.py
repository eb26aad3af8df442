from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoupShareTransfer(models.Model):
    """Shares passed from one member to another of the same cooperative (or to the
    affiliated member who takes over a deceased principal's holding), approved by a manager:
    both members' lines are written in the register together, with the capital paid on the
    shares. Only fully paid shares pass (AUSCOOP art. 47 and most statutes)."""

    _name = "coup.share.transfer"
    _description = "Share Transfer"
    _inherit = ["mail.thread", "coup.capital.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _coup_decision_fields = frozenset({"movement_ids"})

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    from_membership_id = fields.Many2one(
        "coup.membership", string="From", required=True, index=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    to_membership_id = fields.Many2one(
        "coup.membership", string="To", required=True, index=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    share_class_id = fields.Many2one(
        "coup.share.class", string="Share Class", required=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    quantity = fields.Integer(string="Shares", required=True, default=1)
    amount = fields.Monetary(compute="_compute_amount", store=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    reason = fields.Selection([("sale", "Between Members"), ("death", "Succession")],
                              default="sale", required=True)
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved"),
                              ("refused", "Refused")], default="draft", required=True,
                             readonly=True, tracking=True, copy=False)
    movement_ids = fields.Many2many("coup.share.movement", string="Register", readonly=True,
                                    copy=False)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A transfer is of one share at least."),
    ]

    @api.depends("quantity", "share_class_id.nominal_value")
    def _compute_amount(self):
        for transfer in self:
            transfer.amount = transfer.quantity * transfer.share_class_id.nominal_value

    def action_approve(self):
        """Move the shares, checked against what the giver holds and has paid, and the
        taker's maximum."""
        self.check_access("write")
        if not self.env.user.has_group("coup_member_registry.group_coup_manager"):
            raise UserError(_("Only a manager of the cooperative approves transfers."))
        self._coup_check_pending()
        Movement = self.env["coup.share.movement"]
        for transfer in self:
            giver, taker = transfer.from_membership_id, transfer.to_membership_id
            share_class = transfer.share_class_id
            if giver == taker:
                raise ValidationError(_("A member cannot transfer shares to themselves."))
            if {giver.company_id, taker.company_id, share_class.company_id} != \
                    {transfer.company_id}:
                raise ValidationError(_(
                    "%(from)s and %(to)s must both be members of %(coop)s: shares are "
                    "transferred within a cooperative only.", **{
                        "from": giver.display_name, "to": taker.display_name,
                        "coop": transfer.company_id.name}))
            if taker.state != "active" and not (transfer.reason == "death"):
                raise ValidationError(_("%(to)s is not an active member.",
                                        to=taker.display_name))
            held = Movement._coup_held(giver, share_class).get(giver.id, 0)
            if transfer.quantity > held:
                raise ValidationError(_(
                    "%(from)s holds %(held)s shares of %(cls)s: %(qty)s cannot be transferred.",
                    held=held, cls=share_class.name, qty=transfer.quantity,
                    **{"from": giver.display_name}))
            paid = giver._coup_capital_paid(share_class)
            if paid < held * share_class.nominal_value - 0.0001:
                raise ValidationError(_(
                    "%(from)s has not paid all their shares of %(cls)s: only fully paid shares "
                    "are transferred.", cls=share_class.name,
                    **{"from": giver.display_name}))
            taken = Movement._coup_held(taker, share_class).get(taker.id, 0) + transfer.quantity
            __, high = share_class._coup_bounds(taker)
            if high and taken > high:
                raise ValidationError(_(
                    "%(to)s would hold %(total)s shares of %(cls)s: the statutes allow "
                    "%(high)s at most.", to=taker.display_name, total=taken,
                    cls=share_class.name, high=high))
            common = {"company_id": transfer.company_id.id, "share_class_id": share_class.id,
                      "date": transfer.date, "quantity": transfer.quantity,
                      "amount": transfer.amount}
            movements = Movement._coup_record([
                dict(common, kind="transfer_out", membership_id=giver.id,
                     counterpart_membership_id=taker.id, paid_amount=-transfer.amount),
                dict(common, kind="transfer_in", membership_id=taker.id,
                     counterpart_membership_id=giver.id, paid_amount=transfer.amount)])
            transfer._coup_decide("approved", {"movement_ids": [(6, 0, movements.ids)]})
        return True
