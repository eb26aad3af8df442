from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.coup_member_registry.tools.indelible import canonical_number

KINDS = [("subscribed", "Subscribed"), ("paid", "Paid"), ("transfer_out", "Transferred Out"),
         ("transfer_in", "Transferred In"), ("redeemed", "Redeemed")]
# how each kind changes the shares a member holds, and the capital they paid
HELD_SIGN = {"subscribed": 1, "transfer_in": 1, "transfer_out": -1, "redeemed": -1, "paid": 0}


class CoupShareMovement(models.Model):
    """A line of the share register: every share subscribed, paid, transferred or redeemed.
    Made and confirmed by the suite's code only, from a subscription, a payment, a transfer
    or a redemption; once confirmed it is numbered, sealed and indelible (the registry's
    ``coup.indelible.record``)."""

    _name = "coup.share.movement"
    _description = "Share Register Movement"
    _inherit = ["coup.indelible.record", "mail.thread"]
    _order = "company_id, sequence_number desc, id desc"
    _check_company_auto = True
    _coup_sequence_prefix = "REG/"
    _coup_system_fields = {
        "name", "state", "sequence_number", "confirm_date", "coup_hash", "coup_previous_hash",
        "coup_verify_token", "move_id"}
    _coup_protected_columns = (
        "company_id", "membership_id", "share_class_id", "kind", "date", "quantity", "amount",
        "number_from", "number_to", "counterpart_membership_id", "paid_amount")
    _coup_set_once_columns = ("move_id",)

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    membership_id = fields.Many2one("coup.membership", string="Member", required=True,
                                    index=True, ondelete="restrict", check_company=True)
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Contact")
    share_class_id = fields.Many2one("coup.share.class", string="Share Class", required=True,
                                     ondelete="restrict", check_company=True, index=True)
    kind = fields.Selection(KINDS, required=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    quantity = fields.Integer(string="Shares", help="Shares this movement concerns.")
    held_change = fields.Integer(compute="_compute_held_change", store=True,
                                 string="Change in Shares Held")
    amount_change = fields.Monetary(compute="_compute_held_change", store=True,
                                    string="Change in Capital Subscribed")
    amount = fields.Monetary(string="Nominal Amount",
                             help="The shares' nominal value (what they represent in capital).")
    paid_amount = fields.Monetary(
        string="Paid Capital Change",
        help="How the member's paid capital changes: a payment adds, a transfer or a "
             "redemption moves or removes what was paid on the shares.")
    number_from = fields.Integer(string="First Share Number")
    number_to = fields.Integer(string="Last Share Number")
    counterpart_membership_id = fields.Many2one(
        "coup.membership", string="Counterpart", ondelete="restrict", check_company=True,
        help="The other member of a transfer.")
    subscription_id = fields.Many2one("coup.share.subscription", index="btree_not_null",
                                      ondelete="restrict", readonly=True)
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True,
                              copy=False, ondelete="restrict")

    @api.depends("kind", "quantity", "amount")
    def _compute_held_change(self):
        for movement in self:
            movement.held_change = HELD_SIGN[movement.kind] * movement.quantity
            movement.amount_change = HELD_SIGN[movement.kind] * movement.amount

    def _coup_canonical_rows(self, company, ids=None, after=0, limit=None):
        """The sealed content: the register's line as the general assembly reads it."""
        self.env.cr.execute(SQL("""
            SELECT m.id, m.name, m.sequence_number, m.coup_hash, m.coup_previous_hash,
                   m.company_id, m.membership_id, m.share_class_id, m.kind, m.date, m.quantity,
                   m.amount, m.paid_amount, m.number_from, m.number_to,
                   m.counterpart_membership_id, m.currency_id, m.confirm_date,
                   m.coup_verify_token
              FROM coup_share_movement m
             WHERE m.company_id = %s AND m.state = 'confirmed' %s
             ORDER BY m.sequence_number %s
        """, company.id, *self._coup_canonical_slice("m", ids, after, limit)))
        rows = []
        for (mid, name, number, stored, previous, company_id, membership, share_class, kind,
             date, quantity, amount, paid, first, last, counterpart, currency, confirmed,
             token) in self.env.cr.fetchall():
            rows.append((mid, name, number, stored, previous, {
                "number": name, "company": company_id, "membership": membership,
                "class": share_class, "kind": kind, "date": date.isoformat(),
                "quantity": quantity, "amount": canonical_number(amount),
                "paid": canonical_number(paid), "from": first, "to": last,
                "counterpart": counterpart, "currency": currency,
                "confirmed": confirmed.isoformat() if confirmed else None, "token": token}))
        return rows

    @api.model
    def _coup_record(self, vals_list):
        """Write movements in the register: created and confirmed at once, by the suite."""
        movements = self._coup_system().create(vals_list)
        movements._coup_chain()
        return movements.with_env(self.env)

    @api.model
    def _coup_next_share_numbers(self, company, quantity):
        """The next ``quantity`` share numbers of ``company``: gap-free, one after the other
        in the order subscriptions are confirmed (the cooperative's row is locked)."""
        self.env.cr.execute(SQL("SELECT id FROM res_company WHERE id = %s FOR UPDATE", company.id))
        self.env.cr.execute(SQL(
            "SELECT COALESCE(MAX(number_to), 0) FROM coup_share_movement "
            "WHERE company_id = %s AND kind = 'subscribed' AND state = 'confirmed'",
            company.id))
        last = self.env.cr.fetchone()[0]
        return last + 1, last + quantity

    def _coup_held(self, memberships, share_class=None):
        """{membership id: shares held}, set-based."""
        domain = [("membership_id", "in", memberships.ids), ("state", "=", "confirmed")]
        if share_class:
            domain.append(("share_class_id", "=", share_class.id))
        return {m.id: held for m, held in self.sudo()._read_group(
            domain, ["membership_id"], ["held_change:sum"])}

    @api.model
    def _coup_register_xlsx(self, company):
        """The cooperative's register as an .xlsx file, read under the user's rights."""
        import io

        import openpyxl

        from odoo import _
        from odoo.exceptions import AccessError

        if not self.env.user.has_group("coup_member_registry.group_coup_user") or \
                company not in self.env.user.company_ids._coup_with_member_companies():
            raise AccessError(_("Only the staff of %(coop)s read its share register.",
                                coop=company.name))
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Share Register"))
        sheet.append([_("Number"), _("Date"), _("Member Number"), _("Member"), _("Share Class"),
                      _("Movement"), _("Shares"), _("First Share Number"),
                      _("Last Share Number"), _("Nominal Amount"), _("Paid Capital Change"),
                      _("Counterpart"), _("Currency")])
        for movement in self.search([("company_id", "=", company.id),
                                     ("state", "=", "confirmed")], order="sequence_number"):
            sheet.append([
                movement.name, movement.date, movement.membership_id.member_number,
                movement.partner_id.name, movement.share_class_id.name, kinds[movement.kind],
                movement.quantity, movement.number_from or None, movement.number_to or None,
                movement.amount, movement.paid_amount,
                movement.counterpart_membership_id.display_name or None,
                movement.currency_id.name])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    @api.model
    def action_coup_register_xlsx(self):
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/coup/capital/register/%s.xlsx" % self.env.company.id}
