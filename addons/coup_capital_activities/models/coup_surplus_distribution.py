from odoo import models


class CoupSurplusDistribution(models.Model):
    _name = "coup.surplus.distribution"
    _inherit = ["coup.surplus.distribution", "coup.capital.resolution.mixin"]

    def _coup_resolution_required(self):
        return self.company_id.coup_distribution_resolution_required

    def write(self, vals):
        if vals.get("resolution_id"):
            resolution = self.env["coup.activity.resolution"].browse(vals["resolution_id"])
            vals.setdefault("resolution", "%s — %s" % (resolution.event_id.sudo().name,
                                                      resolution.sudo().name))
        return super().write(vals)

    def action_approve(self):
        self._coup_check_resolution()
        return super().action_approve()
