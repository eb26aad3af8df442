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

    @api.model
    def _coup_demo_translations(self, module):
        """Load ``module``'s translations for every active language before its demo data:
        Odoo loads a module's translations after its demo, and the demo's records would log
        their creation with their English name ("Parcel") in a French cooperative's chatter."""
        codes = [code for code, __ in self.get_installed() if code != "en_US"]
        if codes:
            self.env["ir.module.module"].search([("name", "=", module)])._update_translations(
                codes)
