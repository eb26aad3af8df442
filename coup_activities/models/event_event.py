import math

from odoo import _, api, fields, models
from odoo.exceptions import UserError

ACTIVITY_KINDS = [
    ("general_assembly", "General Assembly"),
    ("board_meeting", "Board Meeting"),
    ("committee_meeting", "Committee Meeting"),
    ("training", "Training"),
    ("field_day", "Field Day"),
    ("collection_day", "Collection Day"),
    ("other", "Other Activity"),
]
INVITATION_STATES = ("invited", "accepted", "declined", "waiting", "attended", "absent")


class EventEvent(models.Model):
    """A cooperative activity is an Odoo event with a kind, invitations (its registrations
    linked to a membership) and, for a general assembly, a quorum: the event app's calendar,
    stages, seats and communication stay as they are, and events that are not cooperative
    activities (no kind) are left alone."""

    _inherit = "event.event"

    coup_kind = fields.Selection(ACTIVITY_KINDS, string="Activity Kind", index=True,
                                 help="Empty for events that are not cooperative activities.")
    coup_place = fields.Char(string="Place", help="Village, site or hall where it happens.")
    coup_committee_id = fields.Many2one("coup.committee", string="Committee",
                                        index="btree_not_null",
                                        help="The committee whose meeting this is.")
    coup_theme_id = fields.Many2one("coup.training.theme", string="Training Theme")
    coup_answer_deadline = fields.Datetime(
        string="Answer By",
        help="After this moment invitations can no longer be accepted or declined (when empty, "
             "answers close when the activity begins).")
    coup_invitation_ids = fields.One2many(
        "event.registration", "event_id", string="Invitations",
        domain=[("coup_membership_id", "!=", False)],
        help="The registrations of invited members (Odoo's attendees of the activity).")
    coup_resolution_ids = fields.One2many("coup.activity.resolution", "event_id",
                                          string="Resolutions")
    coup_invited_count = fields.Integer(string="Invited", compute="_compute_coup_counts")
    coup_accepted_count = fields.Integer(string="Accepted", compute="_compute_coup_counts")
    coup_declined_count = fields.Integer(string="Declined", compute="_compute_coup_counts")
    coup_waiting_count = fields.Integer(string="Waiting List", compute="_compute_coup_counts")
    coup_unanswered_count = fields.Integer(string="Unanswered", compute="_compute_coup_counts")
    coup_attended_count = fields.Integer(string="Attended", compute="_compute_coup_counts")
    coup_is_cancelled = fields.Boolean(compute="_compute_coup_is_cancelled")
    coup_quorum_share = fields.Float(related="company_id.coup_quorum_share")
    coup_quorum_needed = fields.Integer(
        string="Quorum", compute="_compute_coup_quorum",
        help="Active principal members of the cooperative who must attend, by its quorum rule.")
    coup_quorum_present = fields.Integer(
        string="Principal Members Present", compute="_compute_coup_quorum")
    coup_quorum_reached = fields.Boolean(string="Quorum Reached", compute="_compute_coup_quorum")

    def _compute_coup_counts(self):
        counts = {(event, state): count for event, state, count in self.env[
            "event.registration"]._read_group(
                [("event_id", "in", self.ids), ("coup_membership_id", "!=", False)],
                ["event_id", "coup_state"], ["__count"])}
        for event in self:
            by_state = {state: counts.get((event, state), 0) for state in INVITATION_STATES}
            event.coup_invited_count = sum(by_state.values())
            event.coup_accepted_count = by_state["accepted"] + by_state["attended"]
            event.coup_declined_count = by_state["declined"]
            event.coup_waiting_count = by_state["waiting"]
            event.coup_unanswered_count = by_state["invited"]
            event.coup_attended_count = by_state["attended"]

    @api.depends("stage_id")
    def _compute_coup_is_cancelled(self):
        cancelled = self.env.ref("event.event_stage_cancelled", raise_if_not_found=False)
        for event in self:
            event.coup_is_cancelled = bool(cancelled) and event.stage_id == cancelled

    @api.depends("coup_kind", "company_id.coup_quorum_share")
    def _compute_coup_quorum(self):
        assemblies = self.filtered(lambda e: e.coup_kind == "general_assembly")
        (self - assemblies).update({"coup_quorum_needed": 0, "coup_quorum_present": 0,
                                    "coup_quorum_reached": False})
        if not assemblies:
            return
        principals = dict(self.env["coup.membership"].sudo()._read_group(
            [("company_id", "in", assemblies.company_id.ids), ("state", "=", "active"),
             ("membership_type", "=", "principal")], ["company_id"], ["__count"]))
        present = dict(self.env["event.registration"].sudo()._read_group(
            [("event_id", "in", assemblies.ids), ("state", "=", "done"),
             ("coup_membership_id.membership_type", "=", "principal")], ["event_id"],
            ["__count"]))
        for event in assemblies:
            share = event.company_id.coup_quorum_share / 100.0
            event.coup_quorum_needed = math.ceil(principals.get(event.company_id, 0) * share)
            event.coup_quorum_present = present.get(event, 0)
            event.coup_quorum_reached = event.coup_quorum_present >= event.coup_quorum_needed

    # ------------------------------------------------------------------ actions

    def action_coup_invite(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Invite Members"),
            "res_model": "coup.activity.invite",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_coup_scan_cards(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Attendance by Member Card"),
            "res_model": "coup.activity.attendance.scan",
            "view_mode": "form",
            "target": "new",
            "context": {"default_event_id": self.id},
        }

    def action_coup_view_invitations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_activities.coup_activity_invitation_action")
        action["domain"] = [("event_id", "=", self.id), ("coup_membership_id", "!=", False)]
        action["context"] = {"default_event_id": self.id, "search_default_group_state": 1}
        return action

    def _coup_mark_attended_by_card(self, code):
        """Check in the member whose card (member number) is ``code`` attended;
        a member who was not invited is invited and marked at once (they came)."""
        self.ensure_one()
        code = (code or "").strip()
        membership = self.env["coup.membership"].search(
            [("company_id", "in", self._coup_invitable_companies().ids),
             ("member_number", "=ilike", code)], limit=1)
        if not code or not membership:
            raise UserError(_("No member of %(company)s has the card %(card)s.",
                              company=self.company_id.name, card=code or "—"))
        invitation = self.coup_invitation_ids.filtered(
            lambda r: r.coup_membership_id == membership)
        if not invitation:
            Registration = self.env["event.registration"]
            invitation = Registration.create(Registration._coup_invitation_vals(self, membership))
        invitation.action_mark_attended()
        return invitation

    def _coup_answers_close(self):
        """When answers close: the deadline set, or else the beginning of the activity."""
        self.ensure_one()
        return self.coup_answer_deadline or self.date_begin

    def _coup_invitable_companies(self):
        """The cooperative of the activity, or the member cooperatives of a federation's."""
        return self.company_id._coup_with_member_companies()

    def _coup_is_full(self):
        """Full by Odoo's own count of the event's seats: the members who accepted or came
        are its confirmed attendees, the invited and the waiting list its unconfirmed ones."""
        self.ensure_one()
        return bool(self.seats_limited and self.seats_max and self.seats_available <= 0)

    def _coup_invite_segments(self, segments):
        """Invite the current members of ``segments`` (used by the demo and the tests)."""
        self.ensure_one()
        wizard = self.env["coup.activity.invite"].create(
            {"event_id": self.id, "segment_ids": [fields.Command.set(segments.ids)]})
        wizard.action_invite()
        return self.coup_invitation_ids
