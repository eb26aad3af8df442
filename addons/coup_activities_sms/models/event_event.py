import random

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class EventEvent(models.Model):
    """An activity's invitations go out as an SMS campaign carrying a short reply code."""

    _inherit = "event.event"

    coup_reply_code = fields.Char(
        string="SMS Reply Code", copy=False, readonly=True, index="btree_not_null",
        help="Members answer the invitation SMS with OUI/SI/YES or NON/NO followed by this code.")
    coup_sms_campaign_ids = fields.One2many("coup.sms.campaign", "coup_event_id",
                                            string="SMS Campaigns")
    coup_sms_sent_count = fields.Integer(string="SMS Sent", compute="_compute_coup_sms_counts")
    coup_sms_delivered_count = fields.Integer(string="SMS Delivered",
                                              compute="_compute_coup_sms_counts")
    coup_sms_answer_count = fields.Integer(string="Answers by SMS",
                                           compute="_compute_coup_sms_counts")

    @api.model_create_multi
    def create(self, vals_list):
        events = super().create(vals_list)
        events.filtered("coup_kind")._coup_assign_reply_code()
        events.filtered("coup_kind")._coup_add_sms_reminder()
        return events

    def write(self, vals):
        result = super().write(vals)
        if vals.get("coup_kind"):
            self.filtered(lambda e: e.coup_kind and not e.coup_reply_code) \
                ._coup_assign_reply_code()
            self.filtered("coup_kind")._coup_add_sms_reminder()
        return result

    def _coup_add_sms_reminder(self):
        """The day before, an SMS to the members who accepted: a scheduler of Odoo's event
        app (``event_sms``), once per activity, which staff can change or remove."""
        template = self.env.ref("coup_activities_sms.sms_template_coup_activity_reminder",
                                raise_if_not_found=False)
        if not template:
            return
        reference = "sms.template,%s" % template.id
        self.env["event.mail"].sudo().create([{
            "event_id": event.id, "interval_nbr": 1, "interval_unit": "days",
            "interval_type": "before_event", "template_ref": reference,
        } for event in self if not event.event_mail_ids.filtered(
            lambda m: m.template_ref and m.template_ref._name == "sms.template"
            and m.template_ref.id == template.id)])

    def _coup_assign_reply_code(self):
        """A four-digit code that no other upcoming activity of the cooperative uses."""
        now = fields.Datetime.now()
        for event in self:
            taken = set(self.sudo().search([
                ("company_id", "=", event.company_id.id), ("coup_reply_code", "!=", False),
                ("date_end", ">=", now)]).mapped("coup_reply_code"))
            code = None
            while not code or code in taken:
                code = str(random.SystemRandom().randint(1000, 9999))
            event.coup_reply_code = code

    def _compute_coup_sms_counts(self):
        answers = dict(self.env["event.registration"]._read_group(
            [("event_id", "in", self.ids), ("coup_membership_id", "!=", False),
             ("coup_answer_channel", "=", "sms")], ["event_id"], ["__count"]))
        for event in self:
            campaigns = event.coup_sms_campaign_ids
            event.coup_sms_sent_count = sum(campaigns.mapped("sent_count"))
            event.coup_sms_delivered_count = sum(campaigns.mapped("delivered_count"))
            event.coup_sms_answer_count = answers.get(event, 0)

    def _coup_sms_invitation_texts(self):
        """The invitation text in each language, with the reply code."""
        self.ensure_one()
        when = fields.Datetime.context_timestamp(
            self.with_context(tz=self.date_tz), self.date_begin).strftime("%d/%m %H:%M")
        place = self.coup_place or ""
        texts = {}
        for code, lang in (("fr", "fr_FR"), ("es", "es_ES"), ("en", "en_US")):
            texts[code] = self.with_context(lang=lang)._coup_sms_text(when, place)
        return texts

    def _coup_sms_text(self, when, place):
        return _("{first_name}, %(coop)s invites you: %(activity)s, %(when)s %(place)s. "
                 "Reply YES %(code)s or NO %(code)s.", coop="{cooperative}", activity=self.name,
                 when=when, place=place, code=self.coup_reply_code)

    def action_coup_sms_invite(self):
        """A campaign to the invitees who have not answered yet, to review and send."""
        self.ensure_one()
        if not self.coup_invitation_ids.filtered(lambda i: i.coup_state == "invited"):
            raise UserError(_("Nobody invited to %(activity)s is waiting to answer: invite "
                              "members first.", activity=self.name))
        segment = self.env["coup.member.segment"].create({
            "name": _("Not answered yet: %(activity)s", activity=self.name),
            "company_id": self.company_id.id, "include_child_companies": True,
            "coup_event_id": self.id, "coup_invitation_state": "invited"})
        texts = self._coup_sms_invitation_texts()
        campaign = self.env["coup.sms.campaign"].create({
            "name": _("Invitation: %(activity)s", activity=self.name),
            "company_id": self.company_id.id, "segment_id": segment.id, "coup_event_id": self.id,
            "body_fr": texts["fr"], "body_es": texts["es"], "body_en": texts["en"]})
        return {"type": "ir.actions.act_window", "res_model": "coup.sms.campaign",
                "res_id": campaign.id, "view_mode": "form", "target": "current"}

    def action_coup_view_sms_campaigns(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "coup.sms.campaign",
                "name": _("SMS Campaigns"), "view_mode": "list,form",
                "domain": [("coup_event_id", "=", self.id)]}
