from odoo import _, fields, models


class CoupActivityAttendanceScan(models.TransientModel):
    """Attendance at the door: scan (or type) member cards one after the other."""

    _name = "coup.activity.attendance.scan"
    _description = "Attendance by Member Card"

    event_id = fields.Many2one("event.event", string="Activity", required=True)
    card = fields.Char(string="Member Card", help="Scan the card, or type the member number.")
    last_message = fields.Char(readonly=True)
    attended_count = fields.Integer(related="event_id.coup_attended_count")

    def action_scan(self):
        self.ensure_one()
        invitation = self.event_id._coup_mark_attended_by_card(self.card)
        self.write({"card": False, "last_message": _(
            "%(member)s is present.", member=invitation.coup_membership_id.display_name)})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("Attendance by Member Card")}
