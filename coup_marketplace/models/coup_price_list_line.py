from odoo import fields, models


class CoupPriceListLine(models.Model):
    _name = "coup.price.list.line"
    _description = "Season Price"
    _order = "product_id, grade"

    price_list_id = fields.Many2one("coup.price.list", required=True, ondelete="cascade",
                                    index=True)
    company_id = fields.Many2one(related="price_list_id.company_id", store=True)
    currency_id = fields.Many2one(related="price_list_id.currency_id")
    product_id = fields.Many2one("product.product", string="Product", required=True)
    grade = fields.Char(help="Left empty, the price of every grade without a price of its own.")
    price_kg = fields.Monetary(string="Price per kg", required=True)

    _sql_constraints = [
        ("price_positive", "CHECK(price_kg > 0)", "A price per kg must be above zero."),
        ("grade_uniq", "unique(price_list_id, product_id, grade)",
         "A product has one price per grade in a season."),
    ]
