from odoo import fields, models


class CoupMembership(models.Model):
    _inherit = "coup.membership"

    coup_invitation_ids = fields.One2many("event.registration", "coup_membership_id",
                                          string="Invitations")
