from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    coup_pos_brand_name = fields.Char(related="product_brand_id.name", string="Brand (Till)")

    @api.model
    def _load_pos_data_fields(self, config_id):
        """The till searches by brand too."""
        return super()._load_pos_data_fields(config_id) + ["coup_pos_brand_name"]
