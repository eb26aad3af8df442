import datetime
import logging
import secrets
import threading
import time
import uuid as uuidlib
import zlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_amount

from odoo.addons.coup_member_registry.tools import phone as phones
from odoo.addons.coup_member_registry.tools.bulk_create import bulk_write

from ..tools import sms_text

_logger = logging.getLogger(__name__)

LANGS = [("fr", "French"), ("es", "Spanish"), ("en", "English")]
PLACEHOLDERS = ("name", "first_name", "last_name", "member_number", "cooperative", "link")
LOCK_NAMESPACE = zlib.crc32(b"coup.sms.campaign") & 0x7FFFFFFF
MAX_WAIT = 60  # seconds a run waits for messages due for a retry before leaving it to the cron


def _sleep(seconds):
    """Waits for retries; patched by the tests."""
    time.sleep(seconds)


class CoupSmsCampaign(models.Model):
    """An SMS to the members of a segment, in each member's language.

    Sending makes one ``coup.sms.campaign.message`` per member first (in one set-based step,
    unique per member), then sends them in batches committed one by one, at the gateway's rate.
    A message is handed to the gateway at most once: after a crash, the messages that were with
    the gateway are marked interrupted rather than sent again.
    """

    _name = "coup.sms.campaign"
    _description = "SMS Campaign"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company)
    segment_id = fields.Many2one("coup.member.segment", string="Segment", required=True,
                                 check_company=True, tracking=True)
    gateway_id = fields.Many2one(
        "coup.sms.gateway", string="Gateway", check_company=True,
        default=lambda self: self.env["coup.sms.gateway"].search(
            [("company_id", "=", self.env.company.id)], limit=1),
        help="The cooperative's first gateway when left empty.")
    state = fields.Selection([
        ("draft", "Draft"),
        ("scheduled", "Scheduled"),
        ("sending", "Sending"),
        ("done", "Sent"),
        ("canceled", "Cancelled"),
    ], default="draft", required=True, tracking=True, index=True, copy=False)
    scheduled_date = fields.Datetime(string="Send On", tracking=True, copy=False)
    default_lang = fields.Selection(
        LANGS, string="Default Language", required=True,
        default=lambda self: self._default_lang(),
        help="Members whose language has no text get the text in this language.")
    body_fr = fields.Text(string="Text (French)")
    body_es = fields.Text(string="Text (Spanish)")
    body_en = fields.Text(string="Text (English)")
    attachment_id = fields.Many2one(
        "ir.attachment", string="Document or Video",
        help="Shared with a short signed link: write {link} in the text.")
    link_url = fields.Char(string="Link", help="Address {link} leads to when no document is set.")
    recipient_ids = fields.One2many("coup.sms.campaign.message", "campaign_id", string="Recipients")
    # figures
    targeted_count = fields.Integer(string="Members", compute="_compute_counts")
    to_send_count = fields.Integer(string="To Send", compute="_compute_counts")
    skipped_consent_count = fields.Integer(string="No Consent", compute="_compute_counts")
    skipped_optout_count = fields.Integer(string="Opted Out", compute="_compute_counts")
    invalid_count = fields.Integer(string="Invalid or Missing Numbers",
                                   compute="_compute_counts")
    duplicate_count = fields.Integer(string="Shared Numbers", compute="_compute_counts")
    sent_count = fields.Integer(string="Sent", compute="_compute_counts")
    delivered_count = fields.Integer(string="Delivered", compute="_compute_counts")
    failed_count = fields.Integer(string="Failed", compute="_compute_counts")
    interrupted_count = fields.Integer(string="Interrupted", compute="_compute_counts")
    reply_count = fields.Integer(string="Replies", compute="_compute_counts")
    # preview
    segments_max = fields.Integer(string="SMS Parts", compute="_compute_preview")
    long_message = fields.Boolean(string="Longer than one SMS", compute="_compute_preview")
    cost_estimate = fields.Monetary(compute="_compute_preview", currency_field="currency_id")
    currency_id = fields.Many2one(related="gateway_id.currency_id")
    preview = fields.Text(compute="_compute_preview")

    @api.model
    def _default_lang(self):
        code = self.env.company.country_id.code or ""
        spanish = {"ES", "CO", "PE", "EC", "BO", "MX", "GT", "HN", "NI", "SV", "CR", "PA", "PY",
                   "UY", "AR", "CL", "VE", "DO", "CU", "GQ"}
        french = {"FR", "ML", "BF", "SN", "CI", "NE", "TG", "BJ", "GN", "CM", "TD", "CF", "CG",
                  "CD", "GA", "MG", "HT", "BI", "RW", "DJ", "KM", "MR", "BE", "CH", "LU"}
        return "es" if code in spanish else "fr" if code in french else "en"

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------

    @api.constrains("body_fr", "body_es", "body_en", "default_lang", "attachment_id", "link_url")
    def _check_bodies(self):
        labels = dict(self._fields["default_lang"]._description_selection(self.env))
        for campaign in self:
            if not campaign[f"body_{campaign.default_lang}"]:
                raise ValidationError(_(
                    "Campaign %(name)s: write the text in %(lang)s, its default language.",
                    name=campaign.name, lang=labels[campaign.default_lang]))
            for lang, __ in LANGS:
                for name in sms_text.placeholders(campaign[f"body_{lang}"]):
                    if name not in PLACEHOLDERS:
                        raise ValidationError(_(
                            "Campaign %(name)s: the %(lang)s text has the unknown placeholder "
                            "{%(placeholder)s}; use %(known)s.", name=campaign.name,
                            lang=labels[lang], placeholder=name,
                            known=", ".join("{%s}" % p for p in PLACEHOLDERS)))
                    if name == "link" and not (campaign.attachment_id or campaign.link_url):
                        raise ValidationError(_(
                            "Campaign %(name)s: the %(lang)s text has {link}: choose the "
                            "document or the link it leads to.",
                            name=campaign.name, lang=labels[lang]))

    # ------------------------------------------------------------------
    # Figures and preview
    # ------------------------------------------------------------------

    @api.depends("recipient_ids.state", "recipient_ids.skip_reason")
    def _compute_counts(self):
        names = ("targeted_count", "to_send_count", "skipped_consent_count",
                 "skipped_optout_count", "invalid_count", "duplicate_count", "sent_count",
                 "delivered_count", "failed_count", "interrupted_count", "reply_count")
        for campaign in self:
            for name in names:
                campaign[name] = 0
        campaigns = self.filtered("id")
        if not campaigns:
            return
        rows = self.env["coup.sms.campaign.message"].sudo()._read_group(
            [("campaign_id", "in", campaigns.ids)],
            ["campaign_id", "state", "skip_reason"], ["__count"])
        for campaign, state, reason, count in rows:
            campaign.targeted_count += count
            if state in ("queued", "sending"):
                campaign.to_send_count += count
            elif state in ("sent", "delivered"):
                campaign.sent_count += count
                if state == "delivered":
                    campaign.delivered_count += count
            elif state == "failed":
                campaign.failed_count += count
            elif state == "interrupted":
                campaign.interrupted_count += count
            elif reason == "no_consent":
                campaign.skipped_consent_count += count
            elif reason == "opted_out":
                campaign.skipped_optout_count += count
            elif reason == "duplicate_number":
                campaign.duplicate_count += count
            elif reason:
                campaign.invalid_count += count
        replies = dict(self.env["coup.sms.inbound"].sudo()._read_group(
            [("campaign_id", "in", campaigns.ids)], ["campaign_id"], ["__count"]))
        for campaign in campaigns:
            campaign.reply_count = replies.get(campaign, 0)

    @api.depends("segment_id", "gateway_id", "body_fr", "body_es", "body_en", "default_lang",
                 "state", "attachment_id", "link_url")
    def _compute_preview(self):
        labels = dict(self._fields["default_lang"]._description_selection(self.env))
        reasons = dict(self.env["coup.sms.campaign.message"]._fields["skip_reason"]
                       ._description_selection(self.env))
        for campaign in self:
            if campaign.state == "draft" and campaign.segment_id and \
                    campaign[f"body_{campaign.default_lang}"]:
                rows = campaign._coup_plan()
            else:
                rows = [{"state": m.state, "skip_reason": m.skip_reason, "lang": m.lang,
                         "body": m.body or "", "segments": m.segments}
                        for m in campaign.recipient_ids]
            to_send = [row for row in rows if row["state"] != "skipped"]
            parts = sum(row["segments"] for row in to_send)
            campaign.segments_max = max([row["segments"] for row in to_send] or [0])
            campaign.long_message = campaign.segments_max > 1
            gateway = campaign._coup_gateway()
            campaign.cost_estimate = gateway._coup_estimate(parts) if gateway else 0.0
            lines = [_("%(count)s of %(total)s members will receive the SMS (%(parts)s SMS parts).",
                       count=len(to_send), total=len(rows), parts=parts)]
            skipped = {}
            for row in rows:
                if row["state"] == "skipped":
                    skipped[row["skip_reason"]] = skipped.get(row["skip_reason"], 0) + 1
            for reason, count in sorted(skipped.items()):
                lines.append(_("Skipped, %(reason)s: %(count)s", reason=reasons[reason],
                               count=count))
            lines.append("")
            for lang, __ in LANGS:
                sample = next((row for row in to_send if row["lang"] == lang), None)
                if not sample:
                    continue
                count, enc, length = sms_text.sms_segments(sample["body"])
                if not campaign[f"body_{lang}"]:
                    lines.append(_("%(lang)s has no text: these members get the %(default)s "
                                   "text.", lang=labels[lang],
                                   default=labels[campaign.default_lang]))
                lines.append(_("%(lang)s (%(members)s members), %(length)s characters, "
                               "%(encoding)s, %(parts)s SMS:",
                               lang=labels[lang], length=length,
                               members=sum(1 for row in to_send if row["lang"] == lang),
                               encoding="GSM-7" if enc == "gsm7" else "Unicode (UCS-2)",
                               parts=count))
                lines.append("  " + sample["body"].replace("\n", "\n  "))
                if count > 1:
                    lines.append("  " + _("Longer than one SMS: it costs %s SMS per member.",
                                          count))
            gateways = self.env["coup.sms.gateway"].search(
                [("company_id", "=", campaign.company_id.id)])
            if gateways:
                lines.append("")
                lines.append(_("Estimated cost:"))
                for other in gateways:
                    lines.append("  %s: %s" % (other.name, format_amount(
                        self.env, other._coup_estimate(parts), other.currency_id)))
            campaign.preview = "\n".join(lines)

    def _coup_gateway(self):
        self.ensure_one()
        return self.gateway_id or self.env["coup.sms.gateway"]._coup_gateways_by_company(
            self.company_id).get(self.company_id.id)

    # ------------------------------------------------------------------
    # Planning: who receives what
    # ------------------------------------------------------------------

    def _coup_plan(self):
        """One dict per member of the segment: state ('queued' or 'skipped'), skip_reason,
        number, lang, body, segments, partner_id, uuid and link_code; the same rules for the
        preview and for sending."""
        self.ensure_one()
        memberships = self.segment_id.sudo()._get_memberships()
        # each person once, with the membership of this cooperative when they have one
        by_partner = {}
        for membership in memberships.sorted(lambda m: (m.company_id != self.company_id, m.id)):
            by_partner.setdefault(membership.partner_id.id, membership)
        partners = self.env["res.partner"].sudo().browse(sorted(by_partner)).with_context(
            prefetch_fields=False)
        partners.fetch(["name", "member_first_name", "member_last_name", "mobile", "phone",
                        "country_id", "lang", "sms_consent"])
        company_region = self.company_id.country_id.code
        checked = {}
        for partner in partners:
            membership = by_partner[partner.id]
            region = partner.country_id.code or membership.company_id.country_id.code or \
                company_region
            raw = partner.mobile or partner.phone
            checked[partner.id] = phones.check_mobile(raw, region)
        numbers = [number for number, __ in checked.values() if number]
        blacklisted = set(self.env["phone.blacklist"].sudo().search_fetch(
            [("number", "in", numbers)], ["number"]).mapped("number")) if numbers else set()
        seen = set()
        rows = []
        bodies = {lang: self[f"body_{lang}"] or self[f"body_{self.default_lang}"]
                  for lang, __ in LANGS}
        base_url = self.get_base_url()
        for partner in partners:
            membership = by_partner[partner.id]
            number, problem = checked[partner.id]
            reason = None
            if number and number in blacklisted:
                reason = "opted_out"
            elif not partner.sms_consent:
                reason = "no_consent"
            elif problem:
                reason = {"missing": "no_number", "invalid": "invalid_number",
                          "not_mobile": "not_mobile"}[problem]
            elif number in seen:
                reason = "duplicate_number"
            else:
                seen.add(number)
            lang = (partner.lang or "")[:2]
            lang = lang if lang in bodies else self.default_lang
            link_code = secrets.token_urlsafe(8)[:10]
            link = "%s/s/%s%s" % (
                base_url, link_code,
                self.env["coup.sms.campaign.message"]._coup_link_signature(link_code)) \
                if "{link}" in bodies[lang] else ""
            body = sms_text.render(bodies[lang], {
                "name": partner.name,
                "first_name": partner.member_first_name or (partner.name or "").split(" ")[0],
                "last_name": partner.member_last_name or "",
                "member_number": membership.member_number,
                "cooperative": membership.company_id.name,
                "link": link,
            })
            rows.append({
                "partner_id": partner.id, "company_id": self.company_id.id,
                "state": "skipped" if reason else "queued", "skip_reason": reason,
                "number": number or (partner.mobile or partner.phone or False), "lang": lang,
                "body": body, "segments": sms_text.sms_segments(body)[0],
                "uuid": uuidlib.uuid4().hex, "link_code": link_code,
            })
        return rows

    def _coup_prepare(self):
        """Make the recipients, once: members already there keep their row (and its state)."""
        self.ensure_one()
        rows = self._coup_plan()
        if not rows:
            return 0
        now = fields.Datetime.now()
        uid = self.env.uid
        columns = ("campaign_id", "company_id", "partner_id", "state", "skip_reason", "number",
                   "lang", "body", "segments", "uuid", "link_code", "attempts", "create_uid",
                   "create_date", "write_uid", "write_date")
        inserted = 0
        for start in range(0, len(rows), 1000):
            chunk = rows[start:start + 1000]
            values = [(self.id, row["company_id"], row["partner_id"], row["state"],
                       row["skip_reason"], row["number"], row["lang"], row["body"],
                       row["segments"], row["uuid"], row["link_code"], 0, uid, now, uid, now)
                      for row in chunk]
            self.env.cr.execute(SQL(
                "INSERT INTO coup_sms_campaign_message (%s) VALUES %s "
                "ON CONFLICT (campaign_id, partner_id) DO NOTHING",
                SQL(", ".join(columns)),
                SQL(", ").join(SQL("%s", value) for value in values)))
            inserted += self.env.cr.rowcount
        self.env["coup.sms.campaign.message"].invalidate_model()
        self.invalidate_recordset(["recipient_ids"])
        _logger.info("SMS campaign %s (%s): %s recipients prepared", self.name, self.id, inserted)
        return inserted

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _coup_check_ready(self):
        for campaign in self:
            if campaign.state not in ("draft", "scheduled"):
                raise UserError(_("Campaign %s is already being sent or was sent.",
                                  campaign.name))
            if not campaign._coup_gateway():
                raise UserError(_(
                    "Campaign %(name)s: %(company)s has no SMS gateway. Add one under "
                    "Cooperative > Configuration > SMS Gateways.",
                    name=campaign.name, company=campaign.company_id.name))

    def action_schedule(self):
        for campaign in self:
            if not campaign.scheduled_date:
                raise UserError(_("Campaign %s: set the date to send it on.", campaign.name))
        self._coup_check_ready()
        self.write({"state": "scheduled"})
        cron = self.env.ref("coup_sms.ir_cron_coup_sms_campaign", raise_if_not_found=False)
        if cron:
            for campaign in self:
                cron._trigger(at=campaign.scheduled_date)
        return True

    def action_send_now(self):
        self._coup_check_ready()
        self.write({"state": "scheduled", "scheduled_date": fields.Datetime.now()})
        cron = self.env.ref("coup_sms.ir_cron_coup_sms_campaign", raise_if_not_found=False)
        if cron:
            cron._trigger()
        return True

    def action_cancel(self):
        """Stop the campaign: what was not handed to the gateway yet is not sent."""
        for campaign in self:
            if campaign.state == "done":
                raise UserError(_("Campaign %s was sent: it cannot be cancelled.", campaign.name))
        self.write({"state": "canceled"})
        return True

    def action_draft(self):
        for campaign in self:
            if campaign.state not in ("scheduled", "canceled") or campaign.recipient_ids.filtered(
                    lambda m: m.state not in ("queued", "skipped")):
                raise UserError(_("Campaign %s has messages with the gateway: it cannot go "
                                  "back to draft.", campaign.name))
        self.recipient_ids.unlink()
        self.write({"state": "draft"})
        return True

    def action_retry_failed(self):
        """Send again the messages that failed or were interrupted (the latter may reach the
        member twice: the gateway may have taken them before the interruption)."""
        for campaign in self:
            messages = campaign.recipient_ids.filtered(
                lambda m: m.state in ("failed", "interrupted"))
            if not messages:
                raise UserError(_("Campaign %s has no failed message.", campaign.name))
            messages.write({"state": "queued", "next_try": False})
            campaign.state = "sending"
        cron = self.env.ref("coup_sms.ir_cron_coup_sms_campaign", raise_if_not_found=False)
        if cron:
            cron._trigger()
        return True

    def action_view_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_sms.coup_sms_campaign_message_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    def action_view_replies(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("coup_sms.coup_sms_inbound_action")
        action["domain"] = [("campaign_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    @api.model
    def _cron_send_campaigns(self, time_limit=240):
        """Send the campaigns that are due, and resume those that were being sent."""
        deadline = time.monotonic() + time_limit
        campaigns = self.search([
            "|", ("state", "=", "sending"),
            "&", ("state", "=", "scheduled"), ("scheduled_date", "<=", fields.Datetime.now())])
        for campaign in campaigns:
            if time.monotonic() >= deadline:
                self.env.ref("coup_sms.ir_cron_coup_sms_campaign")._trigger()
                break
            try:
                campaign._coup_send(deadline=deadline)
            except Exception:
                _logger.exception("SMS campaign %s (%s): sending stopped", campaign.name,
                                  campaign.id)
                self.env.cr.rollback()

    def _coup_commit(self):
        if not getattr(threading.current_thread(), "testing", False):
            self.env.cr.commit()

    def _coup_try_lock(self):
        self.env.cr.execute(SQL("SELECT pg_try_advisory_lock(%s, %s)", LOCK_NAMESPACE, self.id))
        return self.env.cr.fetchone()[0]

    def _coup_unlock(self):
        self.env.cr.execute(SQL("SELECT pg_advisory_unlock(%s, %s)", LOCK_NAMESPACE, self.id))

    def _coup_send(self, batch_size=None, deadline=None):
        """Send the campaign's messages that are due, batch after batch.

        A session advisory lock keeps two workers off the same campaign; it goes away with the
        connection if the worker dies, so the next run finds messages left 'sending' by a dead
        run and marks them interrupted instead of sending them again.

        :return: True when the campaign is done
        """
        self.ensure_one()
        batch_size = batch_size or int(self.env["ir.config_parameter"].sudo().get_param(
            "coup_sms.campaign_batch_size", 100))
        if not self._coup_try_lock():
            _logger.info("SMS campaign %s (%s) is being sent by another worker", self.name,
                         self.id)
            return False
        try:
            return self._coup_send_locked(batch_size, deadline)
        finally:
            self._coup_unlock()

    def _coup_send_locked(self, batch_size, deadline):
        gateway = self._coup_gateway()
        if not gateway:
            _logger.error("SMS campaign %s (%s): %s has no active SMS gateway; nothing sent",
                          self.name, self.id, self.company_id.name)
            chatter = self._coup_in_coop_lang()
            chatter.message_post(body=chatter.env._("Not sent: %s has no active SMS gateway.",
                                                    self.company_id.name))
            return False
        if self.state == "scheduled":
            self._coup_prepare()
            self.state = "sending"
            self._coup_commit()
        Message = self.env["coup.sms.campaign.message"].sudo()
        orphans = Message.search([("campaign_id", "=", self.id), ("state", "=", "sending")])
        if orphans:
            _logger.warning(
                "SMS campaign %s (%s): %s messages were with the gateway when the last run "
                "stopped; marked interrupted, not sent again", self.name, self.id, len(orphans))
            orphans.write({"state": "interrupted"})
            chatter = self._coup_in_coop_lang()
            chatter.message_post(body=chatter.env._(
                "%s messages were being sent when the sending stopped: they are marked "
                "interrupted and not sent again, so that nobody gets the SMS twice. Delivery "
                "reports may still confirm them.", len(orphans)))
            self._coup_commit()
        while True:
            self.invalidate_recordset(["state"])
            if self.state != "sending":  # cancelled meanwhile
                _logger.info("SMS campaign %s (%s) stopped: %s", self.name, self.id, self.state)
                return False
            if deadline and time.monotonic() >= deadline:
                self.env.ref("coup_sms.ir_cron_coup_sms_campaign")._trigger()
                return False
            now = fields.Datetime.now()
            batch = Message.search([("campaign_id", "=", self.id), ("state", "=", "queued"),
                                    "|", ("next_try", "=", False), ("next_try", "<=", now)],
                                   limit=batch_size, order="id")
            if not batch:
                waiting = Message.search([("campaign_id", "=", self.id),
                                          ("state", "=", "queued")], limit=1, order="next_try")
                if not waiting:
                    break
                pause = (waiting.next_try - now).total_seconds()
                if pause <= MAX_WAIT and (not deadline or time.monotonic() + pause < deadline):
                    _sleep(max(pause, 0.05))
                    continue
                self.env.ref("coup_sms.ir_cron_coup_sms_campaign")._trigger(at=waiting.next_try)
                return False
            self._coup_send_batch(batch, gateway)
        self.state = "done"
        _logger.info("SMS campaign %s (%s) done: %s sent, %s failed, %s skipped", self.name,
                     self.id, self.sent_count, self.failed_count,
                     self.targeted_count - self.sent_count - self.failed_count)
        self._coup_commit()
        return True

    def _coup_send_batch(self, messages, gateway):
        """Claim ``messages`` (committed), hand them to the gateway once each, record what
        became of them (committed), and queue the ones that may be tried again."""
        SmsSudo = self.env["sms.sms"].sudo()
        new = messages.filtered(lambda m: not m.sms_id)
        created = SmsSudo.create([{
            "number": message.number, "body": message.body, "partner_id": message.partner_id.id,
            "uuid": message.uuid, "state": "process", "coup_company_id": message.company_id.id,
            "coup_gateway_id": gateway.id,
        } for message in new])
        if new:
            bulk_write(new, ["sms_id"], [(message.id, sms.id)
                                         for message, sms in zip(new, created)])
        retried = (messages - new).sms_id
        if retried:
            retried.write({"state": "process", "failure_type": False})
        messages.flush_recordset()
        self.env.cr.execute(SQL("""
            UPDATE coup_sms_campaign_message
               SET state = 'sending', attempts = attempts + 1, next_try = NULL
             WHERE id = ANY(%s)
        """, messages.ids))
        messages.invalidate_recordset(["state", "attempts", "next_try"])
        self._coup_commit()  # claimed: from here on a crash marks them interrupted
        sms = messages.sms_id
        sms.with_context(coup_sms_attempts=1)._send(unlink_failed=False, unlink_sent=False)
        # timeouts and server errors: tried again later, with a growing pause
        retry = messages.filtered(lambda m: m.state == "failed" and m.retryable
                                  and m.attempts < gateway.retry_attempts)
        now = fields.Datetime.now()
        for attempts in set(retry.mapped("attempts")):
            group = retry.filtered(lambda m: m.attempts == attempts)
            group.write({"state": "queued", "next_try": now + datetime.timedelta(
                seconds=gateway.retry_backoff * 2 ** (attempts - 1))})
        if retry:
            _logger.info("SMS campaign %s (%s): %s messages to try again", self.name, self.id,
                         len(retry))
        self._coup_commit()
