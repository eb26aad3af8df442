from odoo import api, fields, models


class CoupSaleLine(models.Model):
    _name = "coup.sale.line"
    _inherit = ["coup.trade.record.line"]
    _description = "Inputs Sale Line"
    _coup_record_field = "sale_id"
    _coup_protected_columns = ("product_id", "quantity", "price_unit", "amount")
    _order = "sale_id, id"

    sale_id = fields.Many2one("coup.sale", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="sale_id.company_id", store=True)
    currency_id = fields.Many2one(related="sale_id.currency_id")
    product_id = fields.Many2one("product.product", string="Input", required=True,
                                 ondelete="restrict", domain="[('sale_ok', '=', True)]")
    quantity = fields.Float(digits="Product Unit of Measure", default=1.0)
    price_unit = fields.Monetary(string="Unit Price", compute="_compute_price_unit",
                                 store=True, readonly=False, precompute=True)
    amount = fields.Monetary(compute="_compute_amount", store=True)

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            if line.sale_id.state != "confirmed":
                line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.price_unit
