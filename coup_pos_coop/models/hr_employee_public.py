from odoo import fields, models


class HrEmployeePublic(models.Model):
    """The till reads employees as their public profile: the member's link must be public."""

    _inherit = "hr.employee.public"

    coup_membership_id = fields.Many2one("coup.membership", string="Membership", readonly=True)
    coup_work_group_id = fields.Many2one("coup.work.group", string="Work Group", readonly=True)
