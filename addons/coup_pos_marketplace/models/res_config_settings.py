from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_coup_collection = fields.Boolean(related="pos_config_id.coup_collection", readonly=False)
    pos_coup_delivery_place_id = fields.Many2one(related="pos_config_id.coup_delivery_place_id",
                                                 readonly=False)
