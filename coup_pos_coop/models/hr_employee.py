from odoo import fields, models


class HrEmployee(models.Model):
    """A volunteer cashier is a member: the link says whose card opens the till."""

    _inherit = "hr.employee"

    coup_membership_id = fields.Many2one("coup.membership", string="Membership", index=True,
                                         readonly=True, ondelete="set null")
    coup_work_group_id = fields.Many2one("coup.work.group", string="Work Group", index=True,
                                         readonly=True, ondelete="set null")

    _sql_constraints = [
        ("coup_membership_uniq", "unique(coup_membership_id)",
         "A member has one cashier record per cooperative."),
    ]
