from odoo import api, fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    coup_pos_brand_name = fields.Char(related="product_brand_id.name", string="Brand (Till)")

    @api.model
    def _load_pos_data_fields(self, config_id):
        """The till searches by brand too."""
        return super()._load_pos_data_fields(config_id) + ["coup_pos_brand_name"]

    def _load_pos_data(self, data):
        """The till only needs to know whether a product has a picture (Odoo turns
        ``image_128`` into a boolean and the browser fetches the picture by URL): read as its
        size, not as the picture itself, which for a catalogue of thousands meant reading
        every picture from the filestore at each opening."""
        return super(ProductProduct, self.with_context(bin_size=True))._load_pos_data(data)

    def _get_archived_combinations_per_product_tmpl_id(self, product_tmpl_ids):
        """Odoo looks at each loaded template's attribute exclusions one by one (queries and
        recordsets per template): a product without attributes has neither archived
        combinations nor exclusions, and most of a grocery's catalogue has none. Only the
        templates with attribute lines are looked at."""
        with_lines = self.env["product.template.attribute.line"].with_context(
            active_test=False)._read_group(
            [("product_tmpl_id", "in", list(product_tmpl_ids))], ["product_tmpl_id"])
        result = {tmpl_id: [] for tmpl_id in product_tmpl_ids}
        result.update(super()._get_archived_combinations_per_product_tmpl_id(
            [template.id for (template,) in with_lines]))
        return result
