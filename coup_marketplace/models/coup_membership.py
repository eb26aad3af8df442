from odoo import fields, models


class CoupMembership(models.Model):
    _inherit = "coup.membership"

    coup_purchase_ids = fields.One2many("coup.purchase", "membership_id", string="Deliveries")
    coup_offer_ids = fields.One2many("coup.offer", "membership_id", string="Offers")
    coup_delivered_kg = fields.Float(compute="_compute_coup_trade", string="Delivered (kg)",
                                     digits=(16, 1))
    coup_purchase_count = fields.Integer(compute="_compute_coup_trade",
                                         string="Number of Deliveries")

    coup_credit_limit = fields.Monetary(
        string="Credit Limit", currency_field="coup_currency_id",
        help="Inputs this member may owe; left empty, the cooperative's limit.")
    coup_currency_id = fields.Many2one(related="company_id.currency_id")

    def _coup_credit_used(self):
        """What the member still owes for inputs bought on credit (unpaid invoices)."""
        self.ensure_one()
        sales = self.env["coup.sale"].sudo().search([
            ("membership_id", "=", self.id), ("state", "=", "confirmed"), ("on_credit", "=", True)])
        return sum(sales.invoice_id.mapped("amount_residual"))

    def _compute_coup_trade(self):
        stats = {m.id: (n, kg) for m, n, kg in self.env["coup.purchase"]._read_group(
            [("membership_id", "in", self.ids), ("state", "=", "confirmed")],
            ["membership_id"], ["__count", "payable_kg:sum"])}
        for membership in self:
            membership.coup_purchase_count, membership.coup_delivered_kg = stats.get(
                membership.id, (0, 0.0))

    def action_open_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_marketplace.coup_purchase_action")
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {"default_membership_id": self.id,
                             "default_company_id": self.company_id.id}
        return action

    def _coup_statement(self):
        """The member's account with the cooperative: deliveries, inputs, and the payments
        made on their bills and invoices, by date, with the running balance (what the
        cooperative owes the member; negative: what the member owes). Set-based: one search
        per kind of record, payments read from the bills' reconciliations."""
        self.ensure_one()
        rows = []
        purchases = self.env["coup.purchase"].search(
            [("membership_id", "=", self.id), ("state", "=", "confirmed")], order="date, id")
        sales = self.env["coup.sale"].search(
            [("membership_id", "=", self.id), ("state", "=", "confirmed")], order="date, id")
        for purchase in purchases:
            rows.append({"date": purchase.date.date(), "kind": "delivery",
                         "reference": purchase.name, "quantity": purchase.payable_kg,
                         "credit": purchase.amount_total, "debit": 0.0,
                         "payment_state": purchase.payment_state})
        for sale in sales:
            rows.append({"date": sale.date.date(), "kind": "inputs", "reference": sale.name,
                         "quantity": 0.0, "credit": 0.0, "debit": sale.amount_total,
                         "payment_state": sale.payment_state})
        moves = (purchases.bill_id | sales.invoice_id).sudo()
        partials = moves.line_ids.matched_debit_ids | moves.line_ids.matched_credit_ids
        for partial in partials:
            for line in (partial.debit_move_id | partial.credit_move_id):
                move = line.move_id
                if move in moves or move.move_type != "entry":
                    continue
                pays_member = any(m.move_type in ("in_invoice",) for m in
                                  (partial.debit_move_id | partial.credit_move_id).move_id)
                rows.append({"date": move.date, "kind": "payment", "reference": move.name,
                             "quantity": 0.0,
                             "credit": 0.0 if pays_member else partial.amount,
                             "debit": partial.amount if pays_member else 0.0,
                             "payment_state": False})
        rows.sort(key=lambda row: (row["date"], row["kind"] == "payment", row["reference"]))
        balance = 0.0
        for row in rows:
            balance += row["credit"] - row["debit"]
            row["balance"] = balance
        return rows

    def action_statement_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/coup/statement/%s.xlsx" % self.id}

    def action_print_statement(self):
        return self.env.ref("coup_marketplace.action_report_coup_member_statement") \
            .report_action(self)
