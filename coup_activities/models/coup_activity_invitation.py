from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import consteq
from odoo.tools.misc import hmac

ANSWER_CHANNELS = [("staff", "Staff"), ("portal", "Portal"), ("link", "Signed Link"),
                   ("sms", "SMS")]


class CoupActivityInvitation(models.Model):
    """One member invited to one activity, and what became of it.

    invited → accepted / declined / waiting (the activity is full) → attended / absent.
    Every channel (staff, portal, signed link, SMS) answers through ``_coup_answer``, so the
    rules (deadline, cancellation, capacity, last answer wins) hold whoever answers.
    """

    _name = "coup.activity.invitation"
    _description = "Activity Invitation"
    _inherit = ["mail.thread"]
    _order = "event_id desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    event_id = fields.Many2one("event.event", string="Activity", required=True,
                               ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True,
                                 string="Organiser")
    membership_id = fields.Many2one("coup.membership", string="Member", required=True,
                                    ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Person")
    member_company_id = fields.Many2one(related="membership_id.company_id", store=True,
                                        string="Cooperative", index=True)
    member_number = fields.Char(related="membership_id.member_number")
    gender = fields.Selection(related="membership_id.gender")
    is_youth = fields.Boolean(related="membership_id.is_youth")
    state = fields.Selection(
        [("invited", "Invited"), ("accepted", "Accepted"), ("declined", "Declined"),
         ("waiting", "Waiting List"), ("attended", "Attended"), ("absent", "Absent")],
        default="invited", required=True, index=True, tracking=True)
    answer_date = fields.Datetime(string="Answered On", readonly=True)
    answer_channel = fields.Selection(ANSWER_CHANNELS, string="Answered Through",
                                      readonly=True)
    event_begin = fields.Datetime(related="event_id.date_begin", string="Begins", store=True,
                                  index=True)

    _sql_constraints = [
        ("event_membership_uniq", "unique(event_id, membership_id)",
         "A member is invited once to an activity."),
    ]

    @api.constrains("event_id", "membership_id")
    def _check_member_company(self):
        for invitation in self:
            allowed = invitation.event_id.sudo()._coup_invitable_companies()
            if invitation.membership_id.company_id not in allowed | invitation.event_id.company_id:
                raise ValidationError(_(
                    "%(member)s is a member of %(coop)s, which %(activity)s is not open to.",
                    member=invitation.membership_id.display_name,
                    coop=invitation.membership_id.company_id.name,
                    activity=invitation.event_id.name))

    # ------------------------------------------------------------------ answering

    def _coup_answer(self, accept, channel):
        """Accept or decline, whoever asks: the last answer counts, with its date.

        Refused, with a message saying why, on a cancelled or finished activity, after the
        answer deadline, or once attendance is taken. Accepting a full activity puts the
        member on the waiting list; a place given back goes to the first of that list."""
        now = fields.Datetime.now()
        for invitation in self:
            event = invitation.event_id.sudo()
            if event.coup_is_cancelled:
                raise UserError(_("%(activity)s is cancelled: it takes no more answers.",
                                  activity=event.name))
            if invitation.state in ("attended", "absent") or event.date_end < now:
                raise UserError(_("%(activity)s has taken place: it takes no more answers.",
                                  activity=event.name))
            if event._coup_answers_close() < now:
                raise UserError(_(
                    "Answers to %(activity)s closed on %(deadline)s.", activity=event.name,
                    deadline=fields.Datetime.context_timestamp(
                        self, event._coup_answers_close()).strftime("%d/%m/%Y %H:%M")))
            was_accepted = invitation.state == "accepted"
            if accept:
                state = "accepted" if was_accepted or not event._coup_is_full() else "waiting"
            else:
                state = "declined"
            invitation.sudo().write({"state": state, "answer_date": now,
                                     "answer_channel": channel})
            if was_accepted and state == "declined":
                event.coup_invitation_ids.filtered(
                    lambda i: i.state == "waiting").sorted("answer_date")[:1].write(
                    {"state": "accepted"})
        return True

    def action_accept(self):
        """Staff record the answer of a member without phone or portal."""
        self.check_access("write")
        return self._coup_answer(True, "staff")

    def action_decline(self):
        self.check_access("write")
        return self._coup_answer(False, "staff")

    def action_mark_attended(self):
        self.write({"state": "attended"})

    def action_mark_absent(self):
        self.write({"state": "absent"})

    # ------------------------------------------------------------------ signed links

    def _coup_link_token(self):
        """A signature of the invitation: whoever holds the link answers this invitation
        only (sent by SMS or e-mail to members without a portal login)."""
        self.ensure_one()
        return hmac(self.env(su=True), "coup-activity-invitation", self.id)

    def _coup_check_link_token(self, token):
        return bool(token) and consteq(self._coup_link_token(), token)

    def _coup_answer_url(self):
        self.ensure_one()
        return "/coup/invitation/%s/%s" % (self.id, self._coup_link_token())
