from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    coup_field_villages = fields.Char(
        string="Field Villages",
        help="Villages this field agent works in, separated by commas: the field app prepares "
             "and accepts only their members. Empty: every village of the agent's cooperative.")

    def _coup_field_village_keys(self):
        """The agent's villages as compared (case and spacing aside), or None for all."""
        self.ensure_one()
        villages = [" ".join(v.split()).lower()
                    for v in (self.sudo().coup_field_villages or "").split(",")]
        return {v for v in villages if v} or None
