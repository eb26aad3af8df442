from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.coup_member_registry.tools.indelible import canonical_number


class CoupSale(models.Model):
    """Inputs (seed, fertiliser, tools) the cooperative sells to a member, ordered by staff or
    by the member in the portal, delivered at one of the cooperative's drop points. Confirmed,
    it is an indelible record like a delivery, and the member's invoice says whether it is
    paid. On credit, it counts against the member's limit until paid or set off against
    deliveries."""

    _name = "coup.sale"
    _description = "Inputs Sale"
    _inherit = ["coup.trade.record", "mail.thread", "portal.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _coup_sequence_prefix = "VTE/"
    _coup_move_field = "invoice_id"
    _coup_portal_path = "/my/inputs/%s"
    _coup_system_fields = {"name", "state", "sequence_number", "confirm_date", "coup_hash",
                           "coup_previous_hash", "coup_verify_token", "invoice_id"}
    _coup_protected_columns = ("company_id", "membership_id", "currency_id", "date",
                               "amount_total", "on_credit", "delivery_place_id")
    _coup_set_once_columns = ("invoice_id",)

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, index=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Buyer")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    origin = fields.Selection([("staff", "Staff"), ("portal", "Member (Portal)")],
                              default="staff", required=True, readonly=True)
    delivery_place_id = fields.Many2one(
        "res.partner", string="Delivery Place",
        domain="[('type', '=', 'delivery'), ('parent_id', '=', company_partner_id)]",
        help="One of the cooperative's drop points.")
    delivery_date = fields.Date()
    company_partner_id = fields.Many2one(related="company_id.partner_id")
    on_credit = fields.Boolean(help="Paid later, or set off against the member's deliveries.")
    line_ids = fields.One2many("coup.sale.line", "sale_id", string="Inputs", copy=True)
    amount_total = fields.Monetary(string="Total", compute="_compute_amount_total", store=True)
    invoice_id = fields.Many2one("account.move", string="Invoice", readonly=True, copy=False,
                                 ondelete="restrict", index="btree_not_null")
    note = fields.Text()

    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for sale in self:
            sale.amount_total = sum(sale.line_ids.mapped("amount"))

    def _coup_draft_label(self):
        return _("Draft sale to %s", self.partner_id.name or "")

    def _coup_check_before_confirm(self):
        for sale in self:
            member = sale.membership_id
            if member.state != "active":
                raise ValidationError(_(
                    "%(member)s (%(number)s) is not an active member: inputs are sold to active "
                    "members only.", member=member.partner_id.name,
                    number=member.member_number))
            if not sale.line_ids:
                raise ValidationError(_("The sale to %(member)s has no input.",
                                        member=member.partner_id.name))
            for line in sale.line_ids:
                if line.quantity <= 0:
                    raise ValidationError(_("%(product)s: the quantity must be above zero "
                                            "(%(value)s).", product=line.product_id.display_name,
                                            value=line.quantity))
            if sale.on_credit:
                company = sale.company_id
                if not company.coup_sale_credit_allowed:
                    raise ValidationError(_("%(coop)s does not sell on credit.",
                                            coop=company.name))
                limit = member.coup_credit_limit or company.coup_sale_credit_limit
                owed = member._coup_credit_used()
                if owed + sale.amount_total > limit:
                    raise ValidationError(_(
                        "Credit over the limit: %(member)s already owes %(owed)s; with "
                        "%(amount)s more it would exceed the limit of %(limit)s %(currency)s.",
                        member=member.partner_id.name, owed=owed, amount=sale.amount_total,
                        limit=limit, currency=sale.currency_id.name))

    def action_confirm(self):
        self.check_access("write")
        drafts = self.filtered(lambda s: s.state == "draft")
        drafts._coup_check_before_confirm()
        drafts._coup_chain()
        drafts._coup_invoice()
        return True

    def _coup_invoice(self):
        Move = self.env["account.move"].sudo()
        for sale in self:
            journal = sale.company_id._coup_trade_journal("sale")
            invoice = Move.with_company(sale.company_id).create({
                "move_type": "out_invoice", "partner_id": sale.partner_id.id,
                "journal_id": journal.id, "company_id": sale.company_id.id,
                "currency_id": sale.currency_id.id, "ref": sale.name,
                "invoice_date": fields.Date.context_today(self),
                "invoice_line_ids": [(0, 0, {
                    "product_id": line.product_id.id, "name": line.product_id.display_name,
                    "quantity": line.quantity, "price_unit": line.price_unit,
                    "tax_ids": [(6, 0, [])]}) for line in sale.line_ids]})
            # posted (and hashed) by the system: a cooperative's staff confirm sales without
            # being accountants, and Odoo writes the hash as the poster
            invoice.with_user(SUPERUSER_ID).action_post()
            sale._coup_system().write({"invoice_id": invoice.id})

    def _coup_canonical_rows(self, company, ids=None, after=0, limit=None):
        query = SQL("""
            SELECT s.id, s.name, s.sequence_number, s.coup_hash, s.coup_previous_hash,
                   s.company_id, s.date, s.membership_id, s.currency_id, s.amount_total,
                   s.on_credit, s.delivery_place_id, s.confirm_date, s.coup_verify_token,
                   (SELECT json_agg(json_build_array(l.product_id, l.quantity, l.price_unit,
                                                     l.amount) ORDER BY l.id)
                      FROM coup_sale_line l WHERE l.sale_id = s.id)
              FROM coup_sale s
             WHERE s.company_id = %s AND s.state = 'confirmed' %s
             ORDER BY s.sequence_number %s
        """, company.id, *self._coup_canonical_slice("s", ids, after, limit))
        self.env.cr.execute(query)
        return self._coup_merge_extra([(sid, name, number, stored, previous, {
            "number": name, "company": company_id, "date": date.isoformat(),
            "membership": membership, "currency": currency,
            "total": canonical_number(total), "credit": bool(credit), "place": place,
            "confirmed": confirmed.isoformat() if confirmed else None, "token": token,
            "lines": [[product] + [canonical_number(v) for v in values]
                      for product, *values in (lines or [])]})
            for (sid, name, number, stored, previous, company_id, date, membership, currency,
                 total, credit, place, confirmed, token, lines) in self.env.cr.fetchall()])
