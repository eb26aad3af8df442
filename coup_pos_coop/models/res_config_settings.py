from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_coup_member_policy = fields.Selection(related="pos_config_id.coup_member_policy",
                                              readonly=False)
    pos_coup_member_pricelist_id = fields.Many2one(
        related="pos_config_id.coup_member_pricelist_id", readonly=False)
    pos_coup_non_member_pricelist_id = fields.Many2one(
        related="pos_config_id.coup_non_member_pricelist_id", readonly=False)
