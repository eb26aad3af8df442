from odoo import fields, models


class ProductTemplate(models.Model):
    """Crops are products, so that trade (purchases of produce, lots) names the same records
    as the field book."""

    _inherit = "product.template"

    coup_is_crop = fields.Boolean(
        string="Crop", help="Grown on members' parcels: offered in the field book and in "
                            "segments ('grows this crop').")
    coup_yield_kg_ha = fields.Float(
        string="Plausible Yield (kg/ha)", digits=(16, 1),
        help="The most a hectare of this crop plausibly yields in a season: deliveries beyond "
             "what a member's parcels can yield are flagged.")
