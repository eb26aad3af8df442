from odoo import models


class CoupShareRedemption(models.Model):
    _name = "coup.share.redemption"
    _inherit = ["coup.share.redemption", "coup.capital.resolution.mixin"]

    def _coup_resolution_required(self):
        return self.company_id.coup_redemption_resolution_required

    def action_approve(self):
        self._coup_check_resolution()
        return super().action_approve()
