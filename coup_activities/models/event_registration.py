from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import consteq
from odoo.tools.misc import hmac

ANSWER_CHANNELS = [("staff", "Staff"), ("portal", "Portal"), ("link", "Signed Link"),
                   ("sms", "SMS")]
COUP_STATES = [("invited", "Invited"), ("accepted", "Accepted"), ("declined", "Declined"),
               ("waiting", "Waiting List"), ("attended", "Attended"), ("absent", "Absent")]

# seconds: the members' answers of such a window share one run of the mail crons
SCHEDULER_WINDOW = 30


class EventRegistration(models.Model):
    """A member invited to an activity is an attendee of Odoo's Events app.

    Odoo's states carry the answer: invited = ``draft`` (unconfirmed), accepted = ``open``,
    attended = ``done``, declined = ``cancel``; the waiting list is an unconfirmed registration
    flagged ``coup_waiting``. So the Events app counts the seats and attendees, prints the
    badges, checks members in and runs its mail and SMS schedulers for them. Every channel
    (staff, portal, signed link, SMS) answers through ``_coup_answer``, so the rules (deadline,
    cancellation, capacity, last answer wins) hold whoever answers. Registrations without a
    membership are ordinary event registrations, left as Odoo makes them.
    """

    _inherit = "event.registration"

    # a member's invitations (portal page, booklet, SMS replies) are looked up by partner:
    # Odoo leaves the column without an index, a scan of every registration at 1,000,000
    # members
    partner_id = fields.Many2one(index="btree_not_null")
    coup_membership_id = fields.Many2one("coup.membership", string="Member",
                                         ondelete="cascade", index="btree_not_null")
    coup_member_company_id = fields.Many2one(related="coup_membership_id.company_id", store=True,
                                             string="Cooperative", index="btree_not_null")
    coup_member_number = fields.Char(related="coup_membership_id.member_number",
                                     string="Member Number")
    coup_gender = fields.Selection(related="coup_membership_id.gender", string="Gender")
    coup_is_youth = fields.Boolean(related="coup_membership_id.is_youth", string="Youth")
    coup_waiting = fields.Boolean(
        string="On the Waiting List", readonly=True, copy=False,
        help="Accepted while the activity was full: gets the first place given back.")
    coup_absent = fields.Boolean(string="Absent", readonly=True, copy=False,
                                 help="Attendance was taken and the member did not come.")
    coup_state = fields.Selection(
        COUP_STATES, string="Answer", compute="_compute_coup_state", store=True, index=True,
        help="The invitation as members and staff speak of it, from the registration's status.")
    coup_answer_date = fields.Datetime(string="Answered On", readonly=True, copy=False)
    coup_answer_channel = fields.Selection(ANSWER_CHANNELS, string="Answered Through",
                                           readonly=True, copy=False)
    coup_event_begin = fields.Datetime(related="event_id.date_begin", string="Begins",
                                       store=True, index="btree_not_null")

    _sql_constraints = [
        ("coup_event_membership_uniq", "unique(event_id, coup_membership_id)",
         "A member is invited once to an activity."),
    ]

    @api.depends("state", "coup_waiting", "coup_absent", "coup_membership_id")
    def _compute_coup_state(self):
        by_state = {"open": "accepted", "done": "attended", "cancel": "declined"}
        for registration in self:
            if not registration.coup_membership_id:
                registration.coup_state = False
            elif registration.coup_absent:
                registration.coup_state = "absent"
            elif registration.state == "draft":
                registration.coup_state = "waiting" if registration.coup_waiting else "invited"
            else:
                registration.coup_state = by_state.get(registration.state)

    @api.constrains("event_id", "coup_membership_id")
    def _check_coup_member_company(self):
        for registration in self.filtered("coup_membership_id"):
            event = registration.event_id.sudo()
            allowed = event._coup_invitable_companies()
            membership = registration.coup_membership_id
            if membership.company_id not in allowed | event.company_id:
                raise ValidationError(_(
                    "%(member)s is a member of %(coop)s, which %(activity)s is not open to.",
                    member=membership.display_name, coop=membership.company_id.name,
                    activity=event.name))

    @api.model
    def _coup_invitation_vals(self, event, memberships):
        """Values of the registrations inviting ``memberships`` to ``event``: unconfirmed
        attendees named after the member's contact."""
        return [{"event_id": event.id, "coup_membership_id": membership.id,
                 "partner_id": membership.partner_id.id, "state": "draft"}
                for membership in memberships]

    # ------------------------------------------------------------------ answering

    def _coup_answer(self, accept, channel):
        """Accept or decline, whoever asks: the last answer counts, with its date.

        Refused, with a message saying why, on a cancelled or finished activity, after the
        answer deadline, or once attendance is taken. Accepting a full activity puts the
        member on the waiting list; a place given back goes to the first of that list."""
        now = fields.Datetime.now()
        for registration in self:
            event = registration.event_id.sudo()
            if event.coup_is_cancelled:
                raise UserError(_("%(activity)s is cancelled: it takes no more answers.",
                                  activity=event.name))
            if registration.coup_state in ("attended", "absent") or event.date_end < now:
                raise UserError(_("%(activity)s has taken place: it takes no more answers.",
                                  activity=event.name))
            if event._coup_answers_close() < now:
                raise UserError(_(
                    "Answers to %(activity)s closed on %(deadline)s.", activity=event.name,
                    deadline=fields.Datetime.context_timestamp(
                        self, event._coup_answers_close()).strftime("%d/%m/%Y %H:%M")))
            was_accepted = registration.state == "open"
            vals = {"coup_answer_date": now, "coup_answer_channel": channel,
                    "coup_waiting": False}
            if not accept:
                vals["state"] = "cancel"
            elif was_accepted or not event._coup_is_full():
                vals["state"] = "open"
            else:
                vals.update(state="draft", coup_waiting=True)
            registration.sudo().with_context(coup_mail_async=True).write(vals)
            if was_accepted and not accept:
                event.coup_invitation_ids.filtered(lambda r: r.coup_state == "waiting").sorted(
                    "coup_answer_date")[:1].with_context(coup_mail_async=True).write(
                    {"state": "open", "coup_waiting": False})
        return True

    def action_accept(self):
        """Staff record the answer of a member without phone or portal."""
        self.check_access("write")
        return self._coup_answer(True, "staff")

    def action_decline(self):
        self.check_access("write")
        return self._coup_answer(False, "staff")

    def action_mark_attended(self):
        self.write({"state": "done", "coup_absent": False, "coup_waiting": False})

    def action_mark_absent(self):
        self.filtered(lambda r: r.state == "done").write({"state": "open"})
        self.write({"coup_absent": True})

    def write(self, vals):
        if vals.get("state") == "done":
            # checked in (Odoo's desk, badge scan or our card scan): present, whatever was said
            vals = dict(vals, coup_absent=False, coup_waiting=False)
        return super().write(vals)

    def _update_mail_schedulers(self):
        """Members' answers wake Odoo's scheduler cron rather than sending inline.

        Odoo runs the "after registration" schedulers inside the confirming transaction (the
        mail and its PDF badge rendered there and then); members accept by the hundred from
        the portal or by SMS replies, so ``_coup_answer`` (context ``coup_mail_async``) records
        the answer at once and the scheduler's cron sends the same messages within a minute
        or two. The crons are triggered for the start of the next half-minute, not at once:
        the answers of that half-minute share one run of each (300 members on the portal woke
        them four times a second, each run about 10 ms of the cron worker). Every other
        confirmation is left to Odoo as it is."""
        if not self.env.context.get("coup_mail_async") or self.env.context.get("install_mode"):
            return super()._update_mail_schedulers()
        accepted = self.filtered(lambda r: r.state == "open")
        if accepted and self.env["event.mail"].sudo().search_count([
                ("event_id", "in", accepted.event_id.ids),
                ("interval_type", "=", "after_sub")], limit=1):
            now = fields.Datetime.now()
            at = now + timedelta(seconds=SCHEDULER_WINDOW - now.second % SCHEDULER_WINDOW,
                                 microseconds=-now.microsecond)
            self.env.ref("event.event_mail_scheduler")._trigger(at)
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger(at)

    @api.model
    def register_attendee(self, barcode, event_id):
        """A member invited to an activity is checked in at the desk even without an answer
        (Odoo asks a manual confirmation of unconfirmed registrations): they came. At a
        cooperative activity's desk the member's card works as well as the badge."""
        attendee = self.search([("barcode", "=", barcode)], limit=1)
        event = self.env["event.event"].browse(event_id).exists()
        if not attendee and event.coup_kind and not event.is_finished and barcode:
            # the member's card (member number) scanned at the desk of a cooperative activity
            try:
                attendee = event._coup_mark_attended_by_card(barcode)
            except ValidationError:
                raise  # e.g. no seat left: said as the Events app says it
            except UserError:  # no member has this card: Odoo's "invalid ticket"
                return super().register_attendee(barcode, event_id)
            return dict(attendee._get_registration_summary(), status="confirmed_registration")
        if attendee.coup_membership_id and attendee.state == "draft" \
                and attendee.event_id == event and not event.is_finished:
            attendee.action_set_done()
            return dict(attendee._get_registration_summary(), status="confirmed_registration")
        return super().register_attendee(barcode, event_id)

    # ------------------------------------------------------------------ signed links

    def _coup_link_token(self):
        """A signature of the invitation: whoever holds the link answers this invitation
        only (sent by SMS or e-mail to members without a portal login)."""
        self.ensure_one()
        return hmac(self.env(su=True), "coup-activity-invitation", self.id)

    def _coup_check_link_token(self, token):
        return bool(token) and bool(self.coup_membership_id) \
            and consteq(self._coup_link_token(), token)

    def _coup_answer_url(self):
        self.ensure_one()
        return "/coup/invitation/%s/%s" % (self.id, self._coup_link_token())
