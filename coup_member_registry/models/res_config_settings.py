from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """One checkbox per Co-Up feature: how a cooperative chooses what it uses."""

    _inherit = "res.config.settings"

    module_coup_activities = fields.Boolean("Activities & Governance")
    module_coup_fieldbook = fields.Boolean("Fieldbook")
    module_coup_marketplace = fields.Boolean("Marketplace")
    module_coup_pos_coop = fields.Boolean("Coop Shop & Collection Points")
    module_coup_sms = fields.Boolean("SMS with Members")
    coup_member_prefix = fields.Char(related="company_id.coup_member_prefix", readonly=False)
    coup_youth_age_min = fields.Integer(related="company_id.coup_youth_age_min", readonly=False)
    coup_youth_age_max = fields.Integer(related="company_id.coup_youth_age_max", readonly=False)
