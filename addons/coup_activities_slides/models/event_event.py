from odoo import _, fields, models
from odoo.exceptions import UserError


class EventEvent(models.Model):
    """A training can point to an eLearning course: the invitees are enrolled in it, and the
    activity counts those who completed it (the course's own progress, not a copy)."""

    _inherit = "event.event"

    coup_slide_channel_id = fields.Many2one("slide.channel", string="eLearning Course")
    coup_course_enrolled_count = fields.Integer(string="Enrolled",
                                                compute="_compute_coup_course_counts")
    coup_course_completed_count = fields.Integer(string="Completed the Course",
                                                 compute="_compute_coup_course_counts")

    def _compute_coup_course_counts(self):
        for event in self:
            event.coup_course_enrolled_count = event.coup_course_completed_count = 0
        events = self.filtered("coup_slide_channel_id")
        if not events:
            return
        invitees = self.env["event.registration"].sudo().search_fetch(
            [("event_id", "in", events.ids), ("coup_membership_id", "!=", False)],
            ["event_id", "partner_id"])
        attendees = self.env["slide.channel.partner"].sudo().search_fetch(
            [("channel_id", "in", events.coup_slide_channel_id.ids),
             ("partner_id", "in", invitees.partner_id.ids)],
            ["channel_id", "partner_id", "member_status"])
        status = {(a.channel_id.id, a.partner_id.id): a.member_status for a in attendees}
        for event in events:
            statuses = [status.get((event.coup_slide_channel_id.id, i.partner_id.id))
                        for i in invitees if i.event_id == event]
            event.coup_course_enrolled_count = sum(1 for s in statuses if s and s != "invited")
            event.coup_course_completed_count = statuses.count("completed")

    def action_coup_enroll_invitees(self):
        """Enroll the members who accepted (or, before anyone answers, all invitees)."""
        self.ensure_one()
        if not self.coup_slide_channel_id:
            raise UserError(_("Choose the eLearning course of %(activity)s first.",
                              activity=self.name))
        invitations = self.coup_invitation_ids.filtered(
            lambda i: i.coup_state in ("accepted", "attended")) \
            or self.coup_invitation_ids.filtered(lambda i: i.coup_state == "invited")
        if not invitations:
            raise UserError(_("Nobody to enroll: invite members to %(activity)s first.",
                              activity=self.name))
        self.coup_slide_channel_id.sudo()._action_add_members(invitations.partner_id)
        return True
