from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coup_is_input = fields.Boolean(
        string="Input for Members",
        help="Seed, fertiliser, tools… that members may order in the portal.")
