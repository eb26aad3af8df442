import datetime

from odoo import _, api, fields, models


class CoupActivityInvitation(models.Model):
    _inherit = "coup.activity.invitation"

    coup_reminder_sent = fields.Boolean(string="Reminder Sent", readonly=True, copy=False)

    def _coup_sms_answer_text(self):
        self.ensure_one()
        event = self.event_id.sudo()
        if self.state == "accepted":
            return _("Thank you, we expect you at %(activity)s.", activity=event.name)
        if self.state == "waiting":
            return _("%(activity)s is full: you are on the waiting list, we will tell you if a "
                     "place frees up.", activity=event.name)
        return _("Thank you, your answer is recorded: you will not come to %(activity)s.",
                 activity=event.name)

    @api.model
    def _cron_coup_sms_reminders(self):
        """The day before an activity, an SMS to the members who accepted, once."""
        now = fields.Datetime.now()
        invitations = self.sudo().search([
            ("state", "=", "accepted"), ("coup_reminder_sent", "=", False),
            ("event_begin", ">", now), ("event_begin", "<=", now + datetime.timedelta(days=1)),
            ("event_id.coup_kind", "!=", False)])
        vals_list = []
        for invitation in invitations:
            partner = invitation.partner_id
            number = partner.mobile or partner.phone
            if not number or not partner.sms_consent:
                continue
            event = invitation.event_id
            lang = partner.lang or "en_US"
            when = fields.Datetime.context_timestamp(
                event.with_context(tz=event.date_tz), event.date_begin).strftime("%d/%m %H:%M")
            vals_list.append({
                "number": number, "partner_id": partner.id,
                "coup_company_id": invitation.member_company_id.id, "state": "outgoing",
                "body": invitation.with_context(lang=lang)._coup_sms_reminder_text(when)})
        self.env["sms.sms"].sudo().create(vals_list)
        invitations.write({"coup_reminder_sent": True})
        return len(vals_list)

    def _coup_sms_reminder_text(self, when):
        event = self.event_id
        return _("Reminder: %(activity)s, %(when)s %(place)s. We expect you.",
                 activity=event.name, when=when, place=event.coup_place or "")
