import logging
import re
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import html_escape

from odoo.addons.coup_member_registry.tools import phone as phones

from ..tools import sms_text

_logger = logging.getLogger(__name__)

YES_WORDS = {"oui", "yes", "si", "ok", "o", "y"}
NO_WORDS = {"non", "no", "n"}


class CoupSmsInbound(models.Model):
    """An SMS a member (or anyone) sent to a cooperative's gateway.

    Each is kept, then processed once: STOP, ARRET, PARAR… opt the member out; other modules
    may claim it (:meth:`_coup_claim_reply`), e.g. to answer an invitation; any other text
    lands in the member's chatter. Messages from unknown numbers are kept for review.
    """

    _name = "coup.sms.inbound"
    _description = "Incoming SMS"
    _order = "id desc"
    _rec_name = "from_number"

    gateway_id = fields.Many2one("coup.sms.gateway", required=True, ondelete="restrict",
                                 index=True, readonly=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True, index=True,
                                 readonly=True)
    provider_message_id = fields.Char(string="Gateway Message Id", readonly=True)
    from_number = fields.Char(string="From", required=True, readonly=True)
    to_number = fields.Char(string="To", readonly=True)
    body = fields.Text(readonly=True)
    received_date = fields.Datetime(string="Received On", default=fields.Datetime.now,
                                    readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Member", index="btree_not_null")
    campaign_id = fields.Many2one("coup.sms.campaign", string="In Reply To",
                                  index="btree_not_null", ondelete="set null",
                                  help="The last campaign the member received before replying.")
    state = fields.Selection([
        ("new", "New"),
        ("opt_out", "Opted Out"),
        ("claimed", "Answered"),
        ("chatter", "In Chatter"),
        ("unknown", "Unknown Number"),
        ("error", "Error"),
    ], default="new", required=True, index=True, readonly=True)
    claimed_by = fields.Char(string="Handled By", readonly=True,
                             help="What took the reply in hand, e.g. an invitation.")
    result = fields.Char(readonly=True)

    _sql_constraints = [
        ("gateway_message_uniq", "unique(gateway_id, provider_message_id)",
         "A gateway's message is received once."),
    ]

    # ------------------------------------------------------------------
    # Receiving
    # ------------------------------------------------------------------

    @api.model
    def _coup_receive(self, gateway, inbound, later=False):
        """Store and process one incoming message (a ``gateway_clients.Inbound``).

        A message the gateway sends again (same gateway message id) is not processed twice.
        ``later``: stored only, and processed by the background job
        (:meth:`_cron_process_received`), triggered now: what the webhooks do, so that a
        gateway sending a thousand replies a minute is answered in milliseconds, as it
        expects (it sends again what is not answered in time), whatever the replies set off
        (an invitation answered, its tracking, the SMS back).
        """
        gateway = gateway.sudo()
        if inbound.provider_id:
            existing = self.sudo().search([("gateway_id", "=", gateway.id),
                                           ("provider_message_id", "=", inbound.provider_id)])
            if existing:
                _logger.info("Incoming SMS %s of gateway %s already received", inbound.provider_id,
                             gateway.name)
                return existing
        # the cooperative's country, for numbers written without their prefix: read alone
        # (a company is 211 fields, its contact a hundred more, and a webhook call reads them
        # for every reply)
        gateway.company_id.fetch(["partner_id"])
        gateway.company_id.partner_id.fetch(["country_id"])
        region = gateway.company_id.partner_id.country_id.code
        record = self.sudo().create({
            "gateway_id": gateway.id,
            "company_id": gateway.company_id.id,
            "provider_message_id": inbound.provider_id or False,
            "from_number": self._coup_sender_number(inbound.sender, region),
            "to_number": inbound.recipient,
            "body": inbound.text,
        })
        if later:
            self.env.ref("coup_sms.ir_cron_coup_sms_inbound").sudo()._trigger()
            return record
        try:
            with self.env.cr.savepoint():
                record._coup_process()
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            # another transaction wrote the same invitation or member at the same moment (the
            # member answering on the portal as their SMS arrives): not a fault of the message.
            # Odoo runs the whole webhook call again (service.model.retrying), on a fresh
            # snapshot; the message is stored once, when that call commits.
            raise
        except Exception as error:
            _logger.exception("Incoming SMS %s from %s could not be processed", record.id,
                              record.from_number)
            record.write({"state": "error", "result": str(error)[:250]})
        return record

    @api.model
    def _cron_process_received(self, batch_size=200):
        """Process the messages the webhooks stored, oldest first, ``batch_size`` a run (Odoo
        runs the job again at once while some are left, each run committed).

        A message meeting a concurrent transaction (the member answering on the portal as
        the reply is processed) is left to the next run, on a fresh snapshot: not an error
        to process by hand. Any other failure is kept on the message, as when processed at
        once, and does not stop the others."""
        messages = self.search([("state", "=", "new")], order="id", limit=batch_size)
        conflicts = self.browse()
        for message in messages:
            try:
                with self.env.cr.savepoint():
                    message._coup_process()
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                conflicts |= message
            except Exception as error:
                _logger.exception("Incoming SMS %s from %s could not be processed", message.id,
                                  message.from_number)
                message.write({"state": "error", "result": str(error)[:250]})
        if conflicts:
            _logger.info("Incoming SMS %s met concurrent transactions: processed again in a "
                         "moment", conflicts.ids)
            self.env.ref("coup_sms.ir_cron_coup_sms_inbound").sudo()._trigger(
                fields.Datetime.now() + timedelta(seconds=10))
        remaining = self.search_count([("state", "=", "new"),
                                       ("id", "not in", conflicts.ids)])
        self.env["ir.cron"]._notify_progress(done=len(messages) - len(conflicts),
                                             remaining=remaining)
        return messages - conflicts

    @api.model
    def _coup_sender_number(self, sender, region):
        """The sender's number in E.164 by the registry's one normaliser, or as it came (a
        short code, an operator's name)."""
        try:
            return phones.to_e164_possible(sender, region)
        except phones.PhoneError:
            return (sender or "").strip() or "?"

    def _coup_find_partner(self):
        """The member who owns the sender's number: a member of the gateway's cooperative
        first, a principal member before the affiliated ones of a household.

        Numbers are stored as typed ("76 12 34 56"), so they are compared in E.164: first
        ``phone_sanitized`` (indexed, and the number SMS are sent to), then, when no one has it
        there, either number of the contacts whose digits hold the sender's national number,
        each read in its owner's country as Odoo reads it.
        """
        self.ensure_one()
        Partner = self.env["res.partner"].sudo().with_context(active_test=False)
        number = self.from_number or ""
        if not number.startswith("+"):  # a short code or an operator's name: as it came
            partners = Partner.search([("phone_mobile_search", "=", number)]) \
                if len(number) >= Partner._phone_search_min_length else Partner
        else:
            partners = Partner.search([("phone_sanitized", "=", number)])
            national = phones.national_number(number)
            if not partners and national:
                candidates = Partner.search([("phone_mobile_search", "ilike", national)])
                partners = candidates.filtered(lambda partner: number in {
                    partner._phone_format(fname=fname)
                    for fname in partner._phone_get_number_fields()})
        if len(partners) <= 1:
            return partners
        memberships = self.env["coup.membership"].sudo().search(
            [("partner_id", "in", partners.ids),
             ("company_id", "in", (self.company_id
                                   | self.company_id._coup_member_companies_on()).ids)])
        ranked = memberships.sorted(lambda m: (m.membership_type != "principal",
                                               m.state != "active", m.id))
        return ranked[:1].partner_id or partners.sorted("id")[:1]

    def _coup_process(self):
        """Opt-out, a claim by another module, or the member's chatter."""
        for message in self:
            partner = message._coup_find_partner()
            if not partner:
                _logger.warning("Incoming SMS %s from unknown number %s on gateway %s: kept "
                                "for review", message.id, message.from_number,
                                message.gateway_id.name)
                message.write({"state": "unknown",
                               "result": _("No member has the number %s.", message.from_number)})
                message._coup_claim_unknown()
                continue
            message.partner_id = partner
            message.campaign_id = self.env["coup.sms.campaign.message"].sudo().search(
                [("partner_id", "=", partner.id), ("company_id", "=", message.company_id.id),
                 ("state", "in", ("sent", "delivered"))], order="sent_date desc, id desc",
                limit=1).campaign_id
            if sms_text.opt_out_keyword(message.body):
                message._coup_opt_out()
            elif message._coup_claim_reply():
                if message.state == "new":
                    message.state = "claimed"
            else:
                message._coup_post_in_chatter()

    def _coup_opt_out(self):
        self.ensure_one()
        partner = self.partner_id
        partner.write({"sms_consent": False})
        self.env["phone.blacklist"].sudo()._add(
            [self.from_number], message=_("Opted out by SMS: %s", self.body))
        chatter = partner._coup_in_coop_lang()
        chatter.message_post(
            body=chatter.env._("Opted out of SMS by replying %(text)s to %(gateway)s.",
                               text=self.body, gateway=self.gateway_id.name),
            message_type="comment", subtype_xmlid="mail.mt_note")
        _logger.info("Member %s (%s) opted out of SMS by replying %r", partner.id,
                     self.from_number, self.body)
        self.write({"state": "opt_out", "result": _("Opted out")})

    def _coup_post_in_chatter(self):
        self.ensure_one()
        body = Markup("<p>%s</p>") % html_escape(self.body or "")
        self.partner_id.message_post(
            body=body, author_id=self.partner_id.id, message_type="sms",
            subtype_xmlid="mail.mt_note")
        self.write({"state": "chatter", "result": _("Posted on the member's chatter")})

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------

    def _coup_claim_reply(self):
        """Let a module take this reply in hand; extend with ``super()``.

        Called for one message from a known member (``partner_id`` set) that is not an
        opt-out. Return True when handled; set ``claimed_by`` and ``result`` to say how. Use
        :meth:`_coup_parse_answer` to read replies such as "OUI 12"::

            def _coup_claim_reply(self):
                answer, number = self._coup_parse_answer()
                if answer and self._answer_invitation(answer, number):
                    self.write({"claimed_by": "coup_activities_sms", "result": "..."})
                    return True
                return super()._coup_claim_reply()
        """
        self.ensure_one()
        return False

    def _coup_claim_unknown(self):
        """Hook for messages from unknown numbers (e.g. registering a new member)."""
        return False

    def _coup_parse_answer(self):
        """``('yes' | 'no', reference)`` for replies like "OUI 12", "non 12", "SI 12",
        "Yes #12" or "12 oui"; ``(False, False)`` otherwise. ``reference`` is an int or None."""
        self.ensure_one()
        words = sms_text.normalize_word(self.body).split()
        answer = reference = None
        for word in words:
            if answer is None and word in YES_WORDS:
                answer = "yes"
            elif answer is None and word in NO_WORDS:
                answer = "no"
            elif reference is None and re.fullmatch(r"\d{1,9}", word):
                reference = int(word)
        if not answer or len(words) > 4:
            return False, False
        return answer, reference

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_open_partner(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "res.partner",
                "res_id": self.partner_id.id, "view_mode": "form"}

    def action_reprocess(self):
        """Process again, e.g. after the number was added to a member."""
        for message in self.filtered(lambda m: m.state in ("unknown", "error", "new")):
            message.write({"state": "new", "result": False})
            message._coup_process()
        return True
