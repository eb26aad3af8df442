import logging

from odoo import _, api, fields, models
from odoo.exceptions import MissingError
from odoo.osv.expression import OR
from odoo.tools import SQL, split_every

from odoo.addons.coup_member_registry.tools import phone as phones

from .coup_sms_gateway import FAILURE_TYPES

_logger = logging.getLogger(__name__)

DELIVERY_FAILURES = [
    ("sms_not_delivered", "Not Delivered"),
    ("sms_invalid_destination", "Invalid Destination"),
    ("sms_not_allowed", "Not Allowed"),
    ("sms_rejected", "Rejected"),
    ("sms_expired", "Expired"),
]


class SmsSms(models.Model):
    """Every SMS Odoo sends — chatter, ``event_sms``, ``mass_mailing_sms``, our campaigns — goes
    through the cooperative's gateway when it has one, and through Odoo's IAP otherwise.

    The cooperative of an SMS is set when it is created (from the document it is about, the
    member's cooperative, or the current company). SMS sent through a gateway are kept, not
    marked for deletion, so that delivery reports find them and the dashboard counts them.
    """

    _inherit = "sms.sms"

    _coup_commit_batch = 20

    failure_type = fields.Selection(selection_add=DELIVERY_FAILURES)
    coup_company_id = fields.Many2one("res.company", string="Cooperative", index=True,
                                      readonly=True)
    coup_gateway_id = fields.Many2one("coup.sms.gateway", string="Gateway", index="btree_not_null",
                                      readonly=True, ondelete="set null")
    coup_provider_message_id = fields.Char(string="Gateway Message Id", readonly=True,
                                           index="btree_not_null", copy=False)
    coup_error = fields.Char(string="Gateway Answer", readonly=True, copy=False)
    coup_retryable = fields.Boolean(readonly=True, copy=False,
                                    help="The last failure was a timeout or a server error.")
    coup_attempts = fields.Integer(string="Attempts", readonly=True, copy=False)
    coup_cost = fields.Float(string="Cost", readonly=True, copy=False, digits=(16, 4))
    coup_sent_date = fields.Datetime(string="Sent On", readonly=True, copy=False)
    coup_delivered_date = fields.Datetime(string="Delivered On", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        missing = [vals for vals in vals_list if not vals.get("coup_company_id")]
        if missing:
            self._coup_set_company(missing)
        return super().create(vals_list)

    @api.model
    def _coup_set_company(self, vals_list):
        """The cooperative an SMS is sent for: the context's ``coup_sms_company_id``, else the
        company of the document of its message, else the member's cooperative (the current
        company among theirs, else their only one), else the message's company, else the
        current company.

        Only a cooperative that has a gateway and that the sending user works for is looked up
        as the member's: a federation manager's SMS to a member goes through the member's
        cooperative, while the shop next door texting a customer who happens to be a member
        does not spend a cooperative's SMS. Without any Co-Up gateway, Odoo's IAP sends
        everything and nothing is read that Odoo's own SMS path does not read already; with
        one, the memberships are read once per batch, and only when it can matter.
        """
        forced = self.env.context.get("coup_sms_company_id")
        if forced:
            for vals in vals_list:
                vals["coup_company_id"] = forced
            return
        current = self.env.company.id
        messages = self.env["mail.message"].sudo().browse(
            {vals["mail_message_id"] for vals in vals_list if vals.get("mail_message_id")})
        message_companies = {message.id: message.record_company_id.id for message in messages}
        gateway_ids = self.env["coup.sms.gateway"]._coup_gateway_ids_by_company()
        if not gateway_ids:
            for vals in vals_list:
                vals["coup_company_id"] = message_companies.get(vals.get("mail_message_id")) \
                    or current
            return
        document_companies = self._coup_document_companies(messages)
        reachable = set(gateway_ids).intersection(self.env.user._get_company_ids())
        partner_ids = {vals["partner_id"] for vals in vals_list if vals.get("partner_id")
                       and not document_companies.get(vals.get("mail_message_id"))}
        partner_companies = {}
        if partner_ids and reachable:
            memberships = self.env["coup.membership"].sudo().search_fetch(
                [("partner_id", "in", list(partner_ids)), ("company_id", "in", list(reachable))],
                ["partner_id", "company_id"])
            for membership in memberships:
                partner_companies.setdefault(membership.partner_id.id, set()).add(
                    membership.company_id.id)
        for vals in vals_list:
            company_id = document_companies.get(vals.get("mail_message_id"))
            if not company_id:
                companies = partner_companies.get(vals.get("partner_id")) or set()
                if current in companies:
                    company_id = current
                elif len(companies) == 1:
                    company_id = next(iter(companies))
            vals["coup_company_id"] = company_id or \
                message_companies.get(vals.get("mail_message_id")) or current

    @api.model
    def _coup_document_companies(self, messages):
        """``{message_id: company_id}`` for the messages whose document has a company; the
        documents are read per model in one go (usually from the cache: the SMS are made while
        posting on them)."""
        res_ids = {}
        for message in messages:
            if message.model in self.env and message.res_id and \
                    self.env[message.model]._mail_get_company_field():
                res_ids.setdefault(message.model, set()).add(message.res_id)
        companies = {}
        for model, ids in res_ids.items():
            Model = self.env[model].sudo()
            fname = Model._mail_get_company_field()
            if Model._fields[fname].type != "many2one":
                continue
            for record in Model.browse(ids):
                try:
                    companies[(model, record.id)] = record[fname].id
                except MissingError:  # the document is gone
                    continue
        return {message.id: companies[(message.model, message.res_id)] for message in messages
                if companies.get((message.model, message.res_id))}

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _split_batch(self):
        """Batches of at most ``_coup_commit_batch`` SMS while a cooperative has a gateway.

        Odoo's queue commits after each batch (500 SMS). Through a gateway each SMS is a
        call of its own, retried after a timeout, so a slow gateway held the outcome of
        hundreds of messages already taken in one transaction for minutes. A worker stopped
        meanwhile (a restart, a killed process, PostgreSQL restarting) left them all to be
        sent again. A stop now loses the outcome of at most one small batch."""
        if not self.env["coup.sms.gateway"]._coup_gateway_ids_by_company():
            yield from super()._split_batch()
            return
        for batch in super()._split_batch():
            yield from split_every(self._coup_commit_batch, batch)

    def _send(self, unlink_failed=False, unlink_sent=True, raise_exception=False):
        """Send through the cooperatives' gateways what they cover, the rest through IAP."""
        if not self.env["coup.sms.gateway"]._coup_gateway_ids_by_company():
            # no Co-Up gateway (an SMS's own gateway would be one): Odoo's path, untouched
            return super()._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent,
                                 raise_exception=raise_exception)
        gateway_by_company = self.env["coup.sms.gateway"]._coup_gateways_by_company(
            self.coup_company_id)
        by_gateway = {}
        rest = self.browse()
        for sms in self:
            gateway = sms.coup_gateway_id if sms.coup_gateway_id.active else \
                gateway_by_company.get(sms.coup_company_id.id)
            if gateway:
                by_gateway.setdefault(gateway, self.browse())
                by_gateway[gateway] |= sms
            else:
                rest |= sms
        for gateway, sms in by_gateway.items():
            sms._coup_send_with_gateway(gateway, unlink_failed=unlink_failed)
        if rest:
            return super(SmsSms, rest)._send(unlink_failed=unlink_failed, unlink_sent=unlink_sent,
                                             raise_exception=raise_exception)

    def _coup_send_with_gateway(self, gateway, unlink_failed=False):
        """Send these SMS through ``gateway`` and record the outcome as Odoo's IAP path does:
        states 'pending' (sent) or 'error' with a failure type, notifications and traces
        updated through the SMS trackers."""
        gateway = gateway.sudo()
        region = gateway.company_id.country_id.code
        items, invalid = [], {}
        for sms in self:
            number, problem = phones.check_mobile(sms.number, region)
            if problem:  # missing, invalid or not a mobile: reported, not sent
                invalid[sms.uuid] = problem
                continue
            items.append({
                "reference": sms.uuid, "number": number, "body": sms.body or "",
                "callback_url": gateway._coup_webhook_url("delivery", ref=sms.uuid)
                if gateway.provider == "twilio" else None,
            })
        attempts = self.env.context.get("coup_sms_attempts")
        results = gateway._coup_send_items(items, attempts=attempts) if items else {}
        now = fields.Datetime.now()
        all_sms = self.with_context(sms_skip_msg_notification=True)
        by_uuid = {sms.uuid: sms for sms in all_sms}
        accepted = all_sms.browse()
        failed = {}
        for uuid, result in results.items():
            sms = by_uuid[uuid]
            if result.accepted:
                accepted |= sms
            else:
                failed.setdefault(FAILURE_TYPES.get(result.failure, "unknown"), []).append(
                    (sms, result))
        sent_count = len(accepted)
        # values differ per SMS (gateway id, cost): written in one UPDATE
        if accepted:
            accepted.write({"state": "pending", "failure_type": False, "coup_sent_date": now,
                            "coup_gateway_id": gateway.id, "coup_retryable": False,
                            "coup_error": False})
            accepted._coup_write_results(results)
            accepted.sms_tracker_id._action_update_from_sms_state("pending")
        for failure_type, pairs in failed.items():
            sms = all_sms.browse([pair[0].id for pair in pairs])
            sms.write({"state": "error", "failure_type": failure_type,
                       "coup_gateway_id": gateway.id,
                       **({"to_delete": True} if unlink_failed else {})})
            sms._coup_write_results(results)
            for pair_sms, result in pairs:
                pair_sms.sms_tracker_id._action_update_from_sms_state(
                    "error", failure_type=failure_type, failure_reason=result.detail)
        problems = {"missing": ("sms_number_missing", _("no number")),
                    "invalid": ("sms_number_format", _("not a phone number")),
                    "not_mobile": ("sms_number_format", _("not a mobile number"))}
        for problem in set(invalid.values()):
            sms = all_sms.browse([by_uuid[uuid].id for uuid, kind in invalid.items()
                                  if kind == problem])
            failure_type, detail = problems[problem]
            _logger.info("SMS %s not sent through gateway %s: %s (%s)", sms.ids, gateway.name,
                         problem, ", ".join(sms.mapped(lambda s: s.number or "-")))
            sms.write({"state": "error", "failure_type": failure_type,
                       "coup_gateway_id": gateway.id, "coup_retryable": False,
                       "coup_error": detail})
            sms.sms_tracker_id._action_update_from_sms_state("error", failure_type=failure_type)
        _logger.info("SMS gateway %s (%s): %s sent, %s failed, %s invalid numbers",
                     gateway.name, gateway.provider, sent_count,
                     sum(len(pairs) for pairs in failed.values()), len(invalid))
        if accepted:
            self.env["coup.sms.delivery.report"].sudo()._coup_apply_pending(accepted)
        all_sms.mail_message_id._notify_message_notification_update()

    def _coup_write_results(self, results):
        """Per-SMS outcome details (gateway id, cost, answer) in one UPDATE."""
        rows = []
        for sms in self:
            result = results[sms.uuid]
            rows.append((sms.id, result.provider_id or None, result.cost,
                         (result.detail or "")[:250] or None, bool(result.retryable),
                         result.attempts or 1))
        if not rows:
            return
        self.flush_recordset()
        self.env.cr.execute(SQL("""
            UPDATE sms_sms s
               SET coup_provider_message_id = v.provider_id, coup_cost = v.cost,
                   coup_error = v.detail, coup_retryable = v.retryable,
                   coup_attempts = COALESCE(s.coup_attempts, 0) + v.attempts
              FROM (VALUES %s) AS v(id, provider_id, cost, detail, retryable, attempts)
             WHERE s.id = v.id
        """, SQL(", ").join(SQL("(%s, %s, %s::float, %s, %s, %s)", *row) for row in rows)))
        self.invalidate_recordset(["coup_provider_message_id", "coup_cost", "coup_error",
                                   "coup_retryable", "coup_attempts"])
        self._coup_sync_campaign_messages()

    # ------------------------------------------------------------------
    # Delivery reports
    # ------------------------------------------------------------------

    @api.model
    def _coup_apply_delivery_reports(self, gateway, deliveries):
        """The delivery reports of one webhook call (``gateway_clients.Delivery``), set-based:
        a gateway posting a batch of reports costs one search for all of them and one update
        per status, not a search and an update per report. A report naming no SMS we know is
        kept (``coup.sms.delivery.report``) until the SMS is recorded.

        :return: ``(refused, kept)``: the reports without any message id, and those kept
        """
        by_id = {d.provider_id for d in deliveries if d.provider_id}
        by_ref = {d.reference for d in deliveries if d.reference}
        found = self.browse()
        if by_id or by_ref:
            match = []
            if by_id:
                match.append([("coup_provider_message_id", "in", sorted(by_id))])
            if by_ref:
                match.append([("uuid", "in", sorted(by_ref))])
            found = self.search_fetch([("coup_gateway_id", "=", gateway.id)] + OR(match),
                                      ["coup_provider_message_id", "uuid", "state"])
        of_id, of_ref = {}, {}
        for sms in found:
            if sms.coup_provider_message_id:
                of_id.setdefault(sms.coup_provider_message_id, self.browse())
                of_id[sms.coup_provider_message_id] |= sms
            of_ref[sms.uuid] = sms
        groups, unmatched, refused, kept = {}, [], [], []
        for delivery in deliveries:
            if not delivery.provider_id and not delivery.reference:
                refused.append(delivery)
                continue
            sms = of_id.get(delivery.provider_id, self.browse()) if delivery.provider_id \
                else self.browse()
            if delivery.reference:
                sms |= of_ref.get(delivery.reference, self.browse())
            if not sms:
                kept.append(delivery)
                unmatched.append({
                    "gateway_id": gateway.id, "provider_message_id": delivery.provider_id,
                    "reference": delivery.reference, "status": delivery.status,
                    "error": delivery.error, "raw_status": delivery.raw_status})
                continue
            if delivery.provider_id:
                sms.filtered(lambda s: not s.coup_provider_message_id).write(
                    {"coup_provider_message_id": delivery.provider_id})
            key = (delivery.status, delivery.error, delivery.raw_status)
            groups[key] = groups.get(key, self.browse()) | sms
        if unmatched:
            self.env["coup.sms.delivery.report"].sudo().create(unmatched)
        for (status, error, raw_status), sms in groups.items():
            sms._coup_apply_delivery(status, error, raw_status)
        return refused, kept

    def _coup_apply_delivery(self, status, error=None, raw_status=""):
        """Apply one delivery report ('delivered', 'failed' or 'pending') to these SMS.

        Never goes back: a late 'sent' report does not undo 'delivered'.
        """
        sms = self.with_context(sms_skip_msg_notification=True)
        if status == "delivered":
            todo = sms.filtered(lambda s: s.state in ("process", "pending", "outgoing", "error"))
            todo.write({"state": "sent", "failure_type": False,
                        "coup_delivered_date": fields.Datetime.now()})
            todo.sms_tracker_id._action_update_from_sms_state("sent")
        elif status == "failed":
            todo = sms.filtered(lambda s: s.state in ("process", "pending", "outgoing"))
            error = error or "not_delivered"
            failure_type = "sms_%s" % error
            if failure_type not in dict(DELIVERY_FAILURES):
                failure_type = "sms_not_delivered"
            todo.write({"state": "error", "failure_type": failure_type, "coup_retryable": False,
                        "coup_error": raw_status or error})
            todo.sms_tracker_id._action_update_from_provider_error(failure_type[4:])
        else:
            todo = sms.filtered(lambda s: s.state == "process")
            todo.write({"state": "pending"})
            todo.sms_tracker_id._action_update_from_sms_state("pending")
        todo.mail_message_id._notify_message_notification_update()
        return todo

    # ------------------------------------------------------------------
    # Campaign messages follow their SMS
    # ------------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        if "state" in vals or "failure_type" in vals:
            # campaigns make their SMS with their gateway: the others have no campaign message
            self.filtered("coup_gateway_id")._coup_sync_campaign_messages()
        return res

    def _coup_sync_campaign_messages(self):
        if not self.ids:
            return
        self.flush_recordset(["state", "failure_type", "coup_error", "coup_retryable",
                              "coup_sent_date", "coup_delivered_date", "coup_attempts"])
        self.env["coup.sms.campaign.message"].flush_model(["sms_id", "state"])
        self.env.cr.execute(SQL("""
            UPDATE coup_sms_campaign_message m
               SET state = CASE s.state WHEN 'pending' THEN 'sent'
                                        WHEN 'sent' THEN 'delivered'
                                        WHEN 'error' THEN 'failed'
                                        WHEN 'canceled' THEN 'failed'
                                        ELSE m.state END,
                   failure_type = CASE WHEN s.state IN ('error', 'canceled')
                                       THEN s.failure_type END,
                   error = CASE WHEN s.state IN ('error', 'canceled') THEN s.coup_error END,
                   retryable = s.state = 'error' AND COALESCE(s.coup_retryable, FALSE),
                   sent_date = COALESCE(s.coup_sent_date, m.sent_date),
                   delivered_date = s.coup_delivered_date,
                   write_date = now() AT TIME ZONE 'UTC'
              FROM sms_sms s
             WHERE m.sms_id = s.id AND s.id = ANY(%s)
               AND s.state IN ('pending', 'sent', 'error', 'canceled')
               AND m.state IN ('sending', 'sent', 'failed', 'interrupted', 'delivered')
         RETURNING m.id
        """, self.ids))
        if self.env.cr.rowcount:
            self.env["coup.sms.campaign.message"].invalidate_model(
                ["state", "failure_type", "error", "retryable", "sent_date", "delivered_date"])
            self.env["coup.sms.campaign"].invalidate_model()  # the counts
