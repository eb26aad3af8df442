from odoo import api, models


class ResLang(models.Model):
    _inherit = "res.lang"

    @api.model
    def _coup_demo_install(self, codes):
        """Activate ``codes`` and load their translations for the modules installed so far
        (the demo's cooperatives speak French and Spanish; modules installed afterwards load
        their own translations for every active language)."""
        for code in codes:
            self._activate_lang(code)
        installed = self.env["ir.module.module"].search([("state", "in", ("installed",
                                                                          "to upgrade"))])
        ours = self.env["ir.module.module"].search([("name", "=", "coup_member_registry")])
        (installed | ours)._update_translations(codes)
