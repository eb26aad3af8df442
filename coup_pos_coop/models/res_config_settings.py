from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_coup_member_policy = fields.Selection(related="pos_config_id.coup_member_policy",
                                              readonly=False)
    pos_coup_member_pricelist_id = fields.Many2one(
        related="pos_config_id.coup_member_pricelist_id", readonly=False)
    pos_coup_non_member_pricelist_id = fields.Many2one(
        related="pos_config_id.coup_non_member_pricelist_id", readonly=False)
    pos_coup_work_group_ids = fields.Many2many(related="pos_config_id.coup_work_group_ids",
                                               readonly=False)
    pos_coup_practice = fields.Boolean(related="pos_config_id.coup_practice", readonly=False)
    pos_coup_practice_order_count = fields.Integer(
        related="pos_config_id.coup_practice_order_count")

    def action_coup_practice_reset(self):
        self.ensure_one()
        return self.pos_config_id.action_coup_practice_reset()
