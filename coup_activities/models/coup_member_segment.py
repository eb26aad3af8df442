from odoo import api, fields, models


class CoupMemberSegment(models.Model):
    """A segment can be the invitees of an activity (optionally only those who have not
    answered): what an SMS campaign of invitations or reminders is sent to."""

    _inherit = "coup.member.segment"

    coup_event_id = fields.Many2one(
        "event.event", string="Invited To", domain="[('coup_kind', '!=', False)]",
        help="Only the members invited to this activity.")
    coup_invitation_state = fields.Selection(
        [("invited", "Not Answered Yet"), ("accepted", "Accepted"), ("declined", "Declined")],
        string="Who Answered", help="Only the invitees whose invitation is in this state.")

    @api.model
    def _member_count_depends(self):
        return super()._member_count_depends() + ["coup_event_id", "coup_invitation_state"]

    def _get_membership_domain(self):
        domain = super()._get_membership_domain()
        if self.coup_event_id:
            invitation = [("event_id", "=", self.coup_event_id.id)]
            if self.coup_invitation_state:
                invitation.append(("coup_state", "=", self.coup_invitation_state))
            domain.append(("coup_invitation_ids", "any", invitation))
        return domain
