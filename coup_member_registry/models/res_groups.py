from odoo import models


class ResGroups(models.Model):
    """Users added to or removed from a group through the group itself (not the user form)
    also get or lose their federations' member cooperatives."""

    _inherit = "res.groups"

    def write(self, vals):
        res = super().write(vals)
        if {"users", "implied_ids"} & vals.keys():
            self.env["res.users"]._coup_sync_federation_companies_all()
        return res
