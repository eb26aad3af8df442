import logging
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import requests

from odoo import _, api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from odoo.addons.coup_member_registry.tools import phone as phones

from ..tools import gateway_clients

_logger = logging.getLogger(__name__)

MANAGER = "coup_member_registry.group_coup_manager"

# gateway failure code -> sms.sms failure_type
FAILURE_TYPES = {
    "number_format": "sms_number_format",
    "country": "sms_country_not_supported",
    "credit": "sms_credit",
    "auth": "sms_acc",
    "server": "sms_server",
    "blacklist": "sms_blacklist",
    "rejected": "unknown",
}

# one rate limiter per gateway and process, so that every sender in a worker shares the rate
_limiters = {}
_limiters_lock = threading.Lock()


def _sleep(seconds):
    """Back-off pauses; patched by the tests."""
    time.sleep(seconds)


class CoupSmsGateway(models.Model):
    """A cooperative's SMS gateway: every SMS of the cooperative's records goes through it.

    Africa's Talking and Twilio are spoken natively; any local operator with an HTTP API is
    described by the generic settings. See ``tools/gateway_clients.py`` for the wire formats.
    """

    _name = "coup.sms.gateway"
    _description = "SMS Gateway"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10, help="The first active gateway of a cooperative "
                                                "sends its SMS.")
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company)
    provider = fields.Selection(
        [("africastalking", "Africa's Talking"), ("twilio", "Twilio"),
         ("generic", "Generic HTTP gateway")], required=True, default="africastalking")
    sender = fields.Char(
        string="Sender",
        help="Sender ID or number the SMS come from: an alphanumeric sender ID or short code "
             "(Africa's Talking), a number or Messaging Service SID starting with MG (Twilio).")
    base_url = fields.Char(
        string="API URL",
        help="Africa's Talking and Twilio: leave empty for the provider's own address (the "
             "'sandbox' username uses Africa's Talking's sandbox). Generic: the URL to call.")
    # credentials, readable by managers only
    at_username = fields.Char(string="Username", groups=MANAGER,
                              help="Africa's Talking application username ('sandbox' to test).")
    api_key = fields.Char(string="API Key", groups=MANAGER, copy=False)
    account_sid = fields.Char(string="Account SID", groups=MANAGER)
    auth_token = fields.Char(string="Auth Token", groups=MANAGER, copy=False,
                             help="Twilio Auth Token: authenticates the calls and signs the "
                                  "webhooks.")
    # generic gateway
    http_method = fields.Selection([("POST", "POST"), ("GET", "GET")], default="POST",
                                   string="Method")
    payload_format = fields.Selection([("form", "Form"), ("json", "JSON")], default="form",
                                      string="Body Format")
    to_field = fields.Char(string="Number Field", default="to")
    message_field = fields.Char(string="Text Field", default="message")
    sender_field = fields.Char(string="Sender Field", default="from")
    reference_field = fields.Char(
        string="Reference Field", default="reference",
        help="Field carrying our message id, so the operator can drop a repeated message and "
             "quote it in its delivery reports.")
    auth_header = fields.Char(string="Auth Header", default="Authorization")
    auth_value = fields.Char(string="Auth Value", groups=MANAGER, copy=False,
                             help="e.g. Bearer 1234…")
    success_rule = fields.Selection(
        [("http", "Any 2xx answer"), ("contains", "2xx and the answer contains the text"),
         ("json", "2xx and the JSON field equals the value")], default="http",
        string="Success Rule")
    success_field = fields.Char(string="Success JSON Field", default="status")
    success_value = fields.Char(string="Success Value")
    id_field = fields.Char(string="Message Id JSON Field",
                           help="Dotted path of the message id in the JSON answer, e.g. "
                                "'data.id'; quoted by the delivery reports.")
    # sending behaviour
    rate_per_second = fields.Float(string="Rate (SMS/s)", default=10.0,
                                   help="At most this many calls to the gateway per second.")
    parallel_requests = fields.Integer(string="Parallel Calls", default=1)
    timeout = fields.Integer(string="Timeout (s)", default=10)
    retry_attempts = fields.Integer(
        string="Attempts", default=5,
        help="Tries of a message whose call timed out or got a server error (5xx) before it "
             "is marked failed.")
    retry_backoff = fields.Float(string="Back-off (s)", default=1.0,
                                 help="Pause before the second try, doubled for each next one.")
    cost_per_sms = fields.Float(string="Cost per SMS", digits=(16, 4))
    currency_id = fields.Many2one("res.currency", default=lambda self: self.env.company.currency_id)
    webhook_secret = fields.Char(
        string="Webhook Secret", groups=MANAGER, copy=False,
        default=lambda self: secrets.token_urlsafe(24),
        help="Shared secret of the delivery-report and inbound webhooks: the 'token' query "
             "parameter for Africa's Talking, the HMAC-SHA256 key of X-Coup-Signature for "
             "the generic gateway. Twilio's are signed with the Auth Token.")
    delivery_webhook_url = fields.Char(compute="_compute_webhook_urls", groups=MANAGER,
                                       string="Delivery Reports URL")
    inbound_webhook_url = fields.Char(compute="_compute_webhook_urls", groups=MANAGER,
                                      string="Incoming Messages URL")
    test_number = fields.Char(string="Test Number", help="Number to send a test SMS to.")

    _sql_constraints = [
        ("rate_positive", "CHECK(rate_per_second > 0)", "The rate must be above zero."),
    ]

    @api.constrains("provider", "base_url", "retry_attempts", "timeout", "parallel_requests")
    def _check_settings(self):
        for gateway in self:
            if gateway.provider == "generic" and not gateway.base_url:
                raise ValidationError(_(
                    "Gateway %(name)s: a generic gateway needs its API URL.", name=gateway.name))
            if gateway.base_url and not gateway.base_url.startswith(("http://", "https://")):
                raise ValidationError(_(
                    "Gateway %(name)s: the API URL %(url)s must start with http:// or "
                    "https://.", name=gateway.name, url=gateway.base_url))
            if gateway.retry_attempts < 1 or gateway.timeout < 1 or gateway.parallel_requests < 1:
                raise ValidationError(_(
                    "Gateway %(name)s: attempts, timeout and parallel calls must be at least 1.",
                    name=gateway.name))

    def _compute_webhook_urls(self):
        for gateway in self:
            if not gateway.id:
                gateway.delivery_webhook_url = gateway.inbound_webhook_url = False
                continue
            gateway.delivery_webhook_url = gateway._coup_webhook_url("delivery")
            gateway.inbound_webhook_url = gateway._coup_webhook_url("inbound")

    def _coup_webhook_url(self, kind, **params):
        """Public URL of the gateway's ``kind`` ('delivery' or 'inbound') webhook."""
        self.ensure_one()
        if self.provider == "africastalking":
            params["token"] = self.sudo().webhook_secret
        url = "%s/coup_sms/%s/%s" % (self.get_base_url(), self.id, kind)
        return url + ("?" + urlencode(params) if params else "")

    # ------------------------------------------------------------------
    # Finding a cooperative's gateway
    # ------------------------------------------------------------------

    @api.model
    def _coup_gateways_by_company(self, companies):
        """``{company_id: gateway}``: the first active gateway of each cooperative."""
        gateway_ids = self._coup_gateway_ids_by_company()
        return {company_id: self.sudo().browse(gateway_ids[company_id])
                for company_id in companies.ids if company_id in gateway_ids}

    @api.model
    @tools.ormcache()
    def _coup_gateway_ids_by_company(self):
        """``{company_id: gateway_id}`` of every cooperative's first active gateway, kept in the
        registry's cache: every SMS Odoo sends asks for it, and it changes only when a gateway
        is added, archived, reordered or moved (see ``create``, ``write``, ``unlink``). Empty:
        no Co-Up gateway, Odoo's own SMS path as it is."""
        result = {}
        for gateway in self.sudo().search_fetch([("active", "=", True)], ["company_id"]):
            result.setdefault(gateway.company_id.id, gateway.id)
        return result

    @api.model_create_multi
    def create(self, vals_list):
        gateways = super().create(vals_list)
        self.env.registry.clear_cache()
        return gateways

    def write(self, vals):
        res = super().write(vals)
        if {"active", "company_id", "sequence"} & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    # ------------------------------------------------------------------
    # Sending
    # ------------------------------------------------------------------

    def _coup_settings(self):
        self.ensure_one()
        gateway = self.sudo()
        return {
            "provider": gateway.provider, "base_url": gateway.base_url, "sender": gateway.sender,
            "username": gateway.at_username, "api_key": gateway.api_key,
            "account_sid": gateway.account_sid, "auth_token": gateway.auth_token,
            "method": gateway.http_method, "payload_format": gateway.payload_format,
            "to_field": gateway.to_field, "message_field": gateway.message_field,
            "sender_field": gateway.sender_field, "reference_field": gateway.reference_field,
            "auth_header": gateway.auth_header, "auth_value": gateway.auth_value,
            "success_rule": gateway.success_rule, "success_field": gateway.success_field,
            "success_value": gateway.success_value, "id_field": gateway.id_field,
            "webhook_secret": gateway.webhook_secret, "timeout": gateway.timeout,
        }

    def _coup_client(self, session=None):
        return gateway_clients.make_client(self._coup_settings(), session=session)

    def _coup_limiter(self):
        self.ensure_one()
        with _limiters_lock:
            limiter = _limiters.get(self.id)
            if not limiter or limiter.rate != self.rate_per_second:
                limiter = _limiters[self.id] = gateway_clients.RateLimiter(self.rate_per_second)
            return limiter

    def _coup_send_items(self, items, attempts=None):
        """Send ``items`` (dicts: ``reference``, ``number``, ``body``, ``callback_url``) at the
        gateway's rate, with its retries and back-off.

        :param attempts: tries per message; the gateway's own setting by default (campaigns
            pass 1 and retry later themselves, so that a failure holds up nothing).
        :return: ``{reference: SendResult}``
        """
        self.ensure_one()
        attempts = attempts or self.retry_attempts
        settings = self._coup_settings()
        limiter = self._coup_limiter()
        workers = max(1, min(self.parallel_requests, len(items)))
        log = _logger
        if workers == 1:
            with requests.Session() as session:
                client = gateway_clients.make_client(settings, session=session)
                return gateway_clients.send_all(client, items, limiter=limiter,
                                                attempts=attempts, backoff=self.retry_backoff,
                                                sleep=_sleep, log=log)
        # several calls at once: each worker its own session and a share of the messages
        chunks = [items[index::workers] for index in range(workers)]

        def run(chunk):
            with requests.Session() as session:
                client = gateway_clients.make_client(settings, session=session)
                return gateway_clients.send_all(client, chunk, limiter=limiter,
                                                attempts=attempts, backoff=self.retry_backoff,
                                                sleep=_sleep, log=log)
        results = {}
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for partial in pool.map(run, chunks):
                results.update(partial)
        return results

    def _coup_estimate(self, segments):
        """Cost of ``segments`` SMS parts through this gateway, in its currency."""
        self.ensure_one()
        return segments * self.cost_per_sms

    def action_send_test(self):
        """Send one SMS to the test number through this gateway and tell how it went."""
        self.ensure_one()
        if not self.test_number:
            raise UserError(_("Gateway %s: enter the Test Number to send the test SMS to.",
                              self.name))
        number, problem = phones.check_mobile(self.test_number, self.company_id.country_id.code)
        if problem:
            raise UserError(_("Gateway %(name)s: %(number)s is not a mobile number that can "
                              "receive SMS.", name=self.name, number=self.test_number))
        sms = self.env["sms.sms"].sudo().create({
            "number": number,
            "body": _("Test SMS from %(company)s through %(gateway)s.",
                      company=self.company_id.name, gateway=self.name),
            "coup_gateway_id": self.id, "coup_company_id": self.company_id.id,
        })
        sms._send(unlink_sent=False, unlink_failed=False)
        ok = sms.state in ("pending", "sent")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if ok else "danger",
                "title": _("Test SMS sent") if ok else _("Test SMS failed"),
                "message": _("%(number)s: %(state)s %(detail)s", number=number,
                             state=dict(sms._fields["state"]._description_selection(
                                 self.env))[sms.state], detail=sms.coup_error or ""),
                "sticky": not ok,
            },
        }
