from odoo import api, fields, models

FEATURES = ("coup_activities", "coup_fieldbook", "coup_marketplace", "coup_pos_coop", "coup_sms")


class ResConfigSettings(models.TransientModel):
    """One checkbox per Co-Up feature: how a cooperative chooses what it uses."""

    _inherit = "res.config.settings"

    module_coup_activities = fields.Boolean("Activities & Governance")
    module_coup_fieldbook = fields.Boolean("Fieldbook")
    module_coup_marketplace = fields.Boolean("Marketplace")
    module_coup_pos_coop = fields.Boolean("Coop Shop & Collection Points")
    module_coup_sms = fields.Boolean("SMS with Members")
    # Odoo's own module button: ticking it installs the OCA's currency_rate_update (from
    # requirements-oca.txt) for live exchange rates; no Co-Up module depends on it
    module_currency_rate_update = fields.Boolean("Live Exchange Rates")
    currency_rate_update_available = fields.Boolean(compute="_compute_coup_available")
    # a feature whose module is not on this server yet is shown, but cannot be ticked
    coup_activities_available = fields.Boolean(compute="_compute_coup_available")
    coup_fieldbook_available = fields.Boolean(compute="_compute_coup_available")
    coup_marketplace_available = fields.Boolean(compute="_compute_coup_available")
    coup_pos_coop_available = fields.Boolean(compute="_compute_coup_available")
    coup_sms_available = fields.Boolean(compute="_compute_coup_available")
    coup_member_prefix = fields.Char(related="company_id.coup_member_prefix", readonly=False)
    coup_youth_age_min = fields.Integer(related="company_id.coup_youth_age_min", readonly=False)
    coup_youth_age_max = fields.Integer(related="company_id.coup_youth_age_max", readonly=False)

    @api.depends("company_id")
    def _compute_coup_available(self):
        modules = self.env["ir.module.module"].sudo().search(
            [("name", "in", (*FEATURES, "currency_rate_update")),
             ("state", "!=", "uninstallable")])
        available = set(modules.mapped("name"))
        for settings in self:
            for name in (*FEATURES, "currency_rate_update"):
                settings["%s_available" % name] = name in available
