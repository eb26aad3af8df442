from odoo import fields, models


class CoupPurchaseLine(models.Model):
    _inherit = "coup.purchase.line"

    coup_weight_source = fields.Selection(
        [("scale", "Read from the Scale"), ("typed", "Typed")], string="Weight",
        readonly=True,
        help="How the collection point got the weight: read from the scale, or typed by the "
             "collector (to check).")
