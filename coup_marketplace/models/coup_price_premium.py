from odoo import fields, models


class CoupPricePremium(models.Model):
    """A premium paid per kg on top of the price: Fairtrade, organic, quality…"""

    _name = "coup.price.premium"
    _description = "Season Premium"
    _order = "name"

    price_list_id = fields.Many2one("coup.price.list", required=True, ondelete="cascade",
                                    index=True)
    company_id = fields.Many2one(related="price_list_id.company_id", store=True)
    currency_id = fields.Many2one(related="price_list_id.currency_id")
    name = fields.Char(required=True, translate=True)
    product_id = fields.Many2one("product.product", string="Product",
                                 help="Left empty, the premium applies to every product.")
    amount_kg = fields.Monetary(string="Premium per kg", required=True)

    _sql_constraints = [
        ("amount_positive", "CHECK(amount_kg > 0)", "A premium per kg must be above zero."),
    ]
