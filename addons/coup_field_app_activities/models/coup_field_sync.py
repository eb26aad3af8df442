from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class CoupFieldSync(models.AbstractModel):
    """Activities in the field app: the open activities of the cooperative and their invitees
    among the members prepared, attendance taken by scanning member cards, and the answers
    members gave on paper, each applied to the invitation (``event.registration``) through
    the activities' own rules."""

    _inherit = "coup.field.sync"

    @api.model
    def _coup_field_activity_domain(self, company):
        """Open cooperative activities this cooperative runs or its members are invited to."""
        return [("coup_kind", "!=", False),
                "|", ("company_id", "=", company.id),
                ("coup_invitation_ids.coup_member_company_id", "=", company.id)]

    @api.model
    def _coup_field_activities_data(self, memberships, company):
        result = super()._coup_field_activities_data(memberships, company)
        if not self._coup_field_is_agent():
            return result
        events = self.env["event.event"].sudo().search(
            self._coup_field_activity_domain(company)
            + [("date_end", ">=", fields.Datetime.now())], order="date_begin, id")
        events = events.filtered(lambda e: not e.coup_is_cancelled)
        invitations = self.env["event.registration"].sudo().search_read(
            [("event_id", "in", events.ids), ("coup_membership_id", "in", memberships.ids)],
            ["event_id", "partner_id", "coup_state"], order="id")
        by_event = {}
        for invitation in invitations:
            by_event.setdefault(invitation["event_id"][0], []).append({
                "partner_id": invitation["partner_id"][0],
                "name": invitation["partner_id"][1], "state": invitation["coup_state"]})
        return result + [{"id": event.id, "name": event.name,
                          "date_begin": fields.Datetime.to_string(event.date_begin),
                          "invitees": by_event.get(event.id, [])} for event in events]

    @api.model
    def _coup_field_activity(self, payload, company):
        if not self._coup_field_is_agent():
            raise AccessError(_("Only the cooperative's field agents take attendance and "
                                "answers."))
        activity_id = payload.get("activity_id")
        event = self.env["event.event"].sudo().search(
            [("id", "=", activity_id if isinstance(activity_id, int) else 0)]
            + self._coup_field_activity_domain(company))
        if not event:
            raise UserError(_("Activity %(id)s is not an activity of %(coop)s.",
                              id=activity_id, coop=company.name))
        if event.coup_is_cancelled:
            raise UserError(_("%(activity)s is cancelled.", activity=event.name))
        return event

    @api.model
    def _coup_field_invitee(self, payload, company, event):
        """The member a capture names by contact or card, among the agent's members."""
        domain = self._coup_field_member_domain(company)
        partner_id, card = payload.get("partner_id"), payload.get("card")
        if isinstance(partner_id, int) and not isinstance(partner_id, bool):
            domain = domain + [("partner_id", "=", partner_id)]
        elif isinstance(card, str) and card.strip():
            domain = domain + [("member_number", "=ilike", card.strip())]
        else:
            raise UserError(_("The capture names no member (contact or card)."))
        membership = self.env["coup.membership"].sudo().search(domain, limit=1)
        if not membership:
            raise UserError(_("No member of yours has the card or contact %(who)s.",
                              who=card or partner_id))
        return membership, event.coup_invitation_ids.filtered(
            lambda r: r.coup_membership_id == membership)

    @api.model
    def _coup_field_apply_attendance(self, payload, company, base_write_date=None):
        """A member who came: their invitation marked attended (a member who was not
        invited is invited and marked, as at the activity's desk)."""
        event = self._coup_field_activity(payload, company)
        membership, invitation = self._coup_field_invitee(payload, company, event)
        if not invitation:
            Registration = self.env["event.registration"].sudo()
            invitation = Registration.create(
                Registration._coup_invitation_vals(event, membership))
        invitation.action_mark_attended()
        return {"state": "accepted", "record": invitation}

    @api.model
    def _coup_field_apply_answer(self, payload, company, base_write_date=None):
        """An answer a member gave on paper, through the activities' own rules (deadline,
        capacity and waiting list, cancellation)."""
        event = self._coup_field_activity(payload, company)
        membership, invitation = self._coup_field_invitee(payload, company, event)
        answer = payload.get("answer")
        if answer not in ("yes", "no", "maybe"):
            raise UserError(_("“%(answer)s” is not an answer: yes, no or maybe.",
                              answer=answer))
        if not invitation:
            raise UserError(_("%(member)s is not invited to %(activity)s.",
                              member=membership.partner_id.name, activity=event.name))
        if answer == "maybe":
            return {"state": "accepted", "record": invitation,
                    "reason": _("Maybe: the invitation stays unanswered.")}
        invitation._coup_answer(answer == "yes", "field")
        reason = _("On the waiting list: the activity is full.") \
            if invitation.coup_state == "waiting" else False
        return {"state": "accepted", "record": invitation, "reason": reason}
