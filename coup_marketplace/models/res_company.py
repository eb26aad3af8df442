from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_purchase_bill_mode = fields.Selection(
        [("per_delivery", "A Bill per Delivery"), ("batch", "A Bill per Member for a Batch")],
        string="Members' Bills", default="per_delivery", required=True,
        help="A bill is made when each delivery is confirmed, or later for a batch of "
             "deliveries (one bill per member), e.g. on payment day.")
    coup_advance_account_id = fields.Many2one(
        "account.account", string="Advances to Members Account",
        help="Where advances deducted from deliveries are credited.")
    coup_sale_credit_allowed = fields.Boolean(
        string="Sell Inputs on Credit",
        help="Members may buy inputs on credit, against their future deliveries.")
    coup_sale_credit_limit = fields.Monetary(
        string="Credit Limit per Member", currency_field="currency_id",
        help="Unless a member has a limit of their own.")

    def _coup_trade_warehouse(self):
        """The cooperative's warehouse, made when it has none yet (a cooperative created
        before the inventory app was installed)."""
        self.ensure_one()
        Warehouse = self.env["stock.warehouse"].sudo()
        warehouse = Warehouse.search([("company_id", "=", self.id)], limit=1)
        if not warehouse:
            code = "".join(c for c in self.name.upper() if c.isalnum())[:4] or "COOP"
            warehouse = Warehouse.create({"name": self.name, "code": code,
                                          "company_id": self.id,
                                          "partner_id": self.partner_id.id})
        return warehouse

    def _coup_load_chart(self, template_code=False):
        """Give the cooperative its books (Odoo's chart of accounts for its country, or
        ``template_code``) while keeping its own currency: a chart template would otherwise
        set the template's currency."""
        for company in self:
            currency = company.currency_id
            self.env["account.chart.template"].try_loading(template_code, company,
                                                           install_demo=False)
            if company.currency_id != currency:
                company.currency_id = currency
        return True

    def _coup_integrity_models(self):
        return super()._coup_integrity_models() + ["coup.purchase", "coup.sale"]

    def _coup_trade_journal(self, kind):
        """The cooperative's journal of members' produce bills (``purchase``) or of inputs
        invoices (``sale``): hash-locked as Odoo locks a journal (``restrict_mode_hash_table``),
        so that a posted bill never returns to draft; made once, from its default journal of
        that kind, the first time a record needs it."""
        self.ensure_one()
        code = "MBR" if kind == "purchase" else "MIN"
        Journal = self.env["account.journal"].sudo()
        journal = Journal.search([("company_id", "=", self.id), ("code", "=", code),
                                  ("type", "=", kind)], limit=1)
        if journal:
            return journal
        base = Journal.search([("company_id", "=", self.id), ("type", "=", kind)], limit=1)
        if not base:
            raise UserError(_(
                "%(coop)s has no %(kind)s journal: set up its accounting (a chart of accounts for "
                "its country) before members' bills and invoices are made.", coop=self.name,
                kind=_("purchase") if kind == "purchase" else _("sales")))

        def make():
            return Journal.create({
                "name": _("Members' Produce") if kind == "purchase" else _("Members' Inputs"),
                "code": code, "type": kind, "company_id": self.id,
                "default_account_id": base.default_account_id.id,
                "restrict_mode_hash_table": True, "sequence": 50})

        journal, __ = self.env["coup.capture.ref"].sudo()._coup_record_once(
            "account.journal", self.id, "coup-trade-%s" % kind, make)
        return journal.sudo()

    def _coup_integrity_extra_lines(self):
        """The accounting follows the records: every bill or invoice of a confirmed record is
        posted, and its total is what its records say (a batch bill: the sum of its
        deliveries), so that no re-priced or deleted bill can make a delivery read "Paid"."""
        lines, ok = super()._coup_integrity_extra_lines()
        problems = []
        self.env.cr.execute(SQL("""
            SELECT m.name, m.state, m.amount_total, SUM(ABS(p.amount_total)), MIN(p.name)
              FROM coup_purchase p JOIN account_move m ON m.id = p.bill_id
             WHERE p.company_id = %(company)s AND p.state = 'confirmed'
             GROUP BY m.id
            HAVING m.state != 'posted' OR ROUND(m.amount_total, 6) != ROUND(SUM(ABS(p.amount_total)), 6)
            UNION ALL
            SELECT m.name, m.state, m.amount_total, SUM(s.amount_total), MIN(s.name)
              FROM coup_sale s JOIN account_move m ON m.id = s.invoice_id
             WHERE s.company_id = %(company)s AND s.state = 'confirmed'
             GROUP BY m.id
            HAVING m.state != 'posted' OR ROUND(m.amount_total, 6) != ROUND(SUM(s.amount_total), 6)
        """, company=self.id))
        for move, state, amount, expected, record in self.env.cr.fetchall():
            problems.append(_("%(move)s (for %(record)s): %(what)s.", move=move or "?",
                              record=record, what=_("not posted") if state != "posted" else
                              _("%(amount)s instead of %(expected)s", amount=amount,
                                expected=expected)))
        self.env.cr.execute(SQL("""
            SELECT COUNT(*) FROM coup_purchase p
             WHERE p.company_id = %(company)s AND p.state = 'confirmed' AND p.bill_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM account_move m WHERE m.id = p.bill_id)
        """, company=self.id))
        missing = self.env.cr.fetchone()[0]
        if missing:
            problems.append(_("%s bill(s) of deliveries are missing.", missing))
        if problems:
            lines.append(_("Bills and invoices: %s do not match their records:",
                           len(problems)))
            lines += ["    " + problem for problem in problems[:50]]
        else:
            lines.append(_("Bills and invoices: all posted, each equal to its records."))
        return lines, ok and not problems
