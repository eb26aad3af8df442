"""HTTP clients of the SMS gateways cooperatives use, and the checks of their webhooks.

No ORM here: a client is built from a plain ``dict`` of settings and talks to its gateway with
``requests``, so it is tested against a local HTTP server without a database. The Odoo layer
(``coup.sms.gateway``) builds the settings, throttles, and maps outcomes to ``sms.sms`` states.

Every :meth:`GatewayClient.send` returns a :class:`SendResult` and never raises for what the
gateway or the network does: a timeout, a 5xx, a refused login or an unreadable answer each
become a result with a ``failure`` code and a ``detail`` that says what happened.

Failure codes (mapped to ``sms.sms`` failure types by the Odoo layer):
``number_format``, ``country``, ``credit``, ``auth``, ``server``, ``blacklist``, ``rejected``.
"""
import base64
import hashlib
import hmac
import json
import logging
import threading
import time
from dataclasses import dataclass

import requests

_logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10


@dataclass
class SendResult:
    """What became of one message handed to a gateway.

    :ivar accepted: the gateway took the message (it may still fail to deliver it later);
    :ivar failure: failure code when not accepted (see the module docstring);
    :ivar retryable: a timeout, a connection error, a 5xx or a 429: trying again later is safe
        and may succeed;
    :ivar provider_id: the gateway's id of the message, quoted by its delivery reports;
    :ivar cost: what the gateway says the message cost, if it says so;
    :ivar detail: a short human-readable reason, for logs and the message's error field.
    """

    accepted: bool
    failure: str = None
    retryable: bool = False
    provider_id: str = None
    cost: float = None
    detail: str = ""
    attempts: int = 1


@dataclass
class Delivery:
    """One delivery report: ``status`` is 'pending', 'delivered' or 'failed'; ``error`` one of
    Odoo's delivery error codes without the ``sms_`` prefix ('not_delivered', 'expired',
    'invalid_destination', 'rejected', 'not_allowed') when failed."""

    provider_id: str = None
    reference: str = None
    status: str = "pending"
    error: str = None
    raw_status: str = ""


@dataclass
class Inbound:
    """One message a member sent to the cooperative's number."""

    provider_id: str = None
    sender: str = ""
    recipient: str = ""
    text: str = ""


class GatewayClient:
    """Base of the clients: one HTTP session, a timeout, and the outcome mapping."""

    provider = None

    def __init__(self, settings, session=None):
        self.settings = settings
        self.timeout = settings.get("timeout") or DEFAULT_TIMEOUT
        self.session = session or requests.Session()

    # -- sending --------------------------------------------------------

    def send(self, number, body, reference=None, callback_url=None):
        """Hand one message to the gateway; never raises for network or gateway trouble."""
        try:
            response = self._post_message(number, body, reference, callback_url)
        except requests.Timeout:
            return SendResult(False, "server", retryable=True,
                              detail="timeout after %ss" % self.timeout)
        except requests.ConnectionError as error:
            return SendResult(False, "server", retryable=True,
                              detail="connection error: %s" % _short(error))
        except requests.RequestException as error:
            return SendResult(False, "server", detail="request error: %s" % _short(error))
        status = response.status_code
        if status >= 500 or status == 429:
            return SendResult(False, "server", retryable=True,
                              detail="HTTP %s: %s" % (status, _short(response.text)))
        if status in (401, 403):
            return SendResult(False, "auth", detail="HTTP %s: credentials refused: %s" % (
                status, _short(response.text)))
        try:
            return self._parse_response(response)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            # The gateway answered but we cannot tell whether it took the message: not retried,
            # so that it is never sent twice; reported with what came back.
            return SendResult(False, "server", detail="unreadable answer (HTTP %s): %s" % (
                status, _short(response.text)))

    def _post_message(self, number, body, reference, callback_url):
        raise NotImplementedError

    def _parse_response(self, response):
        raise NotImplementedError

    # -- webhooks -------------------------------------------------------

    def verify(self, url, params, headers, raw_body):
        """Whether a webhook call really comes from the gateway; see each provider."""
        raise NotImplementedError

    def parse_deliveries(self, params, raw_body):
        raise NotImplementedError

    def parse_inbound(self, params, raw_body):
        raise NotImplementedError

    def inbound_response(self):
        """``(body, content_type)`` to answer an inbound message with."""
        return "OK", "text/plain"


class AfricasTalkingClient(GatewayClient):
    """Africa's Talking bulk SMS API.

    ``POST {base}/version1/messaging`` with the ``apiKey`` header, ``Accept: application/json``
    and the form fields ``username``, ``to``, ``message`` and, when set, ``from`` (the sender id
    or short code). Answers ``201`` with ``{"SMSMessageData": {"Message": "...",
    "Recipients": [{"statusCode": 101, "number": "+254…", "status": "Success",
    "cost": "KES 0.8000", "messageId": "ATXid_…"}]}}``.
    Delivery reports and incoming messages are form posts to the callback URLs set in the
    Africa's Talking dashboard; they are not signed, so ours carry the gateway's shared secret
    in the ``token`` query parameter (or the ``X-Coup-Token`` header).
    """

    provider = "africastalking"
    LIVE_URL = "https://api.africastalking.com"
    SANDBOX_URL = "https://api.sandbox.africastalking.com"
    # recipient statusCode -> (accepted, failure, retryable)
    STATUS_CODES = {
        100: (True, None, False),   # Processed
        101: (True, None, False),   # Sent
        102: (True, None, False),   # Queued
        401: (False, "rejected", False),  # RiskHold
        402: (False, "auth", False),  # InvalidSenderId
        403: (False, "number_format", False),  # InvalidPhoneNumber
        404: (False, "number_format", False),  # UnsupportedNumberType
        405: (False, "credit", False),  # InsufficientBalance
        406: (False, "blacklist", False),  # UserInBlacklist
        407: (False, "country", False),  # CouldNotRoute
        409: (False, "blacklist", False),  # DoNotDisturbRejection
        500: (False, "server", True),  # InternalServerError
        501: (False, "server", True),  # GatewayError
        502: (False, "rejected", False),  # RejectedByGateway
    }
    DELIVERY_STATUS = {
        "success": ("delivered", None),
        "sent": ("pending", None),
        "submitted": ("pending", None),
        "buffered": ("pending", None),
        "rejected": ("failed", "rejected"),
        "failed": ("failed", "not_delivered"),
        "absentsubscriber": ("failed", "not_delivered"),
        "expired": ("failed", "expired"),
    }
    FAILURE_REASONS = {
        "userinblacklist": "not_allowed",
        "userdoesnotexist": "invalid_destination",
        "notnetworksubcriber": "invalid_destination",
        "notnetworksubscriber": "invalid_destination",
        "userisinactive": "invalid_destination",
    }

    @property
    def url(self):
        base = self.settings.get("base_url") or (
            self.SANDBOX_URL if self.settings.get("username") == "sandbox" else self.LIVE_URL)
        return base.rstrip("/") + "/version1/messaging"

    def _post_message(self, number, body, reference, callback_url):
        data = {"username": self.settings.get("username") or "", "to": number, "message": body}
        if self.settings.get("sender"):
            data["from"] = self.settings["sender"]
        return self.session.post(self.url, data=data, timeout=self.timeout, headers={
            "apiKey": self.settings.get("api_key") or "",
            "Accept": "application/json",
        })

    def _parse_response(self, response):
        payload = response.json()
        data = payload["SMSMessageData"]
        recipients = data.get("Recipients") or []
        if not recipients:
            # e.g. {"SMSMessageData": {"Message": "InvalidSenderId", "Recipients": []}}
            message = data.get("Message") or ""
            failure = "auth" if "sender" in message.lower() else "rejected"
            if "invalid" in message.lower() and "number" in message.lower():
                failure = "number_format"
            return SendResult(False, failure, detail="rejected: %s" % _short(message))
        recipient = recipients[0]
        code = int(recipient.get("statusCode"))
        accepted, failure, retryable = self.STATUS_CODES.get(code, (False, "rejected", False))
        return SendResult(
            accepted, failure, retryable=retryable,
            provider_id=recipient.get("messageId") if accepted else None,
            cost=_amount(recipient.get("cost")),
            detail="%s %s" % (code, recipient.get("status") or ""))

    def verify(self, url, params, headers, raw_body):
        secret = self.settings.get("webhook_secret") or ""
        given = params.get("token") or headers.get("X-Coup-Token") or ""
        return bool(secret) and hmac.compare_digest(given.encode(), secret.encode())

    def parse_deliveries(self, params, raw_body):
        raw = params.get("status") or ""
        status, error = self.DELIVERY_STATUS.get(raw.lower(), ("pending", None))
        if status == "failed":
            error = self.FAILURE_REASONS.get((params.get("failureReason") or "").lower(), error)
        return [Delivery(provider_id=params.get("id"), status=status, error=error,
                         raw_status=raw)]

    def parse_inbound(self, params, raw_body):
        return Inbound(provider_id=params.get("id"), sender=params.get("from") or "",
                       recipient=params.get("to") or "", text=params.get("text") or "")


class TwilioClient(GatewayClient):
    """Twilio Programmable Messaging.

    ``POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`` with HTTP Basic auth
    (Account SID, Auth Token) and the form fields ``To``, ``Body``, ``From`` (or
    ``MessagingServiceSid`` for a sender starting with ``MG``) and ``StatusCallback``.
    Answers ``201`` with the message resource (``sid``, ``status``, ``price``…) or ``4xx`` with
    ``{"code": 21211, "message": "…", "status": 400}``.
    Webhooks are signed: ``X-Twilio-Signature`` is the Base64 HMAC-SHA1, keyed with the Auth
    Token, of the full URL followed by each POST parameter name and value, sorted by name.
    """

    provider = "twilio"
    LIVE_URL = "https://api.twilio.com"
    ERROR_CODES = {
        21211: "number_format",  # invalid 'To' number
        21214: "number_format",  # 'To' number cannot be reached
        21614: "number_format",  # 'To' is not a mobile number
        21217: "number_format",
        21408: "country",  # permission to send to this region is not enabled
        21612: "country",  # cannot route to this number
        21610: "blacklist",  # recipient replied STOP
        21606: "auth",  # 'From' is not a valid sender for this account
        21659: "auth",
        20003: "auth",  # authentication failed
        20404: "auth",  # account not found
        20429: "server",  # too many requests
        30002: "auth",  # account suspended
        21602: "rejected",  # body required
        21617: "rejected",  # body too long
    }
    DELIVERY_STATUS = {
        "accepted": "pending", "queued": "pending", "sending": "pending", "sent": "pending",
        "scheduled": "pending", "delivered": "delivered", "read": "delivered",
        "undelivered": "failed", "failed": "failed", "canceled": "failed",
    }
    DELIVERY_ERRORS = {
        "30003": "not_delivered", "30005": "invalid_destination", "30006": "invalid_destination",
        "30004": "not_allowed", "30007": "rejected", "30008": "not_delivered",
        "30001": "expired", "21610": "not_allowed",
    }

    @property
    def url(self):
        base = (self.settings.get("base_url") or self.LIVE_URL).rstrip("/")
        return "%s/2010-04-01/Accounts/%s/Messages.json" % (base, self.settings.get("account_sid"))

    def _post_message(self, number, body, reference, callback_url):
        data = {"To": number, "Body": body}
        sender = self.settings.get("sender") or ""
        if sender.startswith("MG"):
            data["MessagingServiceSid"] = sender
        elif sender:
            data["From"] = sender
        if callback_url:
            data["StatusCallback"] = callback_url
        return self.session.post(
            self.url, data=data, timeout=self.timeout,
            auth=(self.settings.get("account_sid") or "", self.settings.get("auth_token") or ""),
            headers={"Accept": "application/json"})

    def _parse_response(self, response):
        payload = response.json()
        if response.status_code in (200, 201) and payload.get("sid"):
            if payload.get("status") in ("failed", "undelivered"):
                return SendResult(False, "rejected", provider_id=payload["sid"],
                                  detail="%s %s" % (payload.get("status"),
                                                    payload.get("error_code") or ""))
            price = payload.get("price")
            return SendResult(True, provider_id=payload["sid"],
                              cost=abs(float(price)) if price not in (None, "") else None,
                              detail=payload.get("status") or "")
        code = int(payload.get("code") or 0)
        return SendResult(False, self.ERROR_CODES.get(code, "rejected"),
                          retryable=code == 20429,
                          detail="%s: %s" % (code, _short(payload.get("message") or "")))

    @staticmethod
    def signature(token, url, params):
        """Twilio's request signature of a form post to ``url`` with ``params``."""
        payload = url + "".join("%s%s" % (key, params[key]) for key in sorted(params))
        digest = hmac.new((token or "").encode(), payload.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def verify(self, url, params, headers, raw_body):
        token = self.settings.get("auth_token") or ""
        given = headers.get("X-Twilio-Signature") or ""
        if not token or not given:
            return False
        urls = [url] if isinstance(url, str) else list(url)
        return any(hmac.compare_digest(given.encode(), self.signature(token, u, params).encode())
                   for u in urls)

    def parse_deliveries(self, params, raw_body):
        raw = params.get("MessageStatus") or params.get("SmsStatus") or ""
        status = self.DELIVERY_STATUS.get(raw.lower(), "pending")
        error = None
        if status == "failed":
            error = self.DELIVERY_ERRORS.get(str(params.get("ErrorCode") or ""), "not_delivered")
        return [Delivery(provider_id=params.get("MessageSid") or params.get("SmsSid"),
                         reference=params.get("ref"), status=status, error=error,
                         raw_status=raw)]

    def parse_inbound(self, params, raw_body):
        return Inbound(provider_id=params.get("MessageSid") or params.get("SmsSid"),
                       sender=params.get("From") or "", recipient=params.get("To") or "",
                       text=params.get("Body") or "")

    def inbound_response(self):
        return '<?xml version="1.0" encoding="UTF-8"?><Response></Response>', "text/xml"


class GenericHttpClient(GatewayClient):
    """A local operator's HTTP API, described by its settings.

    Sending: ``method`` (POST or GET) to ``base_url`` with the fields ``to_field``,
    ``message_field``, ``sender_field`` and ``reference_field`` (our message's UUID, so that the
    operator can drop a repeat) as a form, JSON body or query string (``payload_format``), and
    ``auth_header``/``auth_value`` (e.g. ``Authorization: Bearer …``).
    Success rule (``success_rule``): ``http`` (any 2xx), ``contains`` (2xx and the body contains
    ``success_value``) or ``json`` (2xx and the JSON key ``success_field`` equals
    ``success_value``); the message id is read from the JSON key ``id_field`` (dotted path).
    Webhooks carry ``X-Coup-Signature: sha256=<hex HMAC-SHA256 of the raw body>`` keyed with the
    gateway's shared secret; their fields are ``id``/``reference``/``status``/``error`` for
    delivery reports and ``id``/``from``/``to``/``text`` for inbound messages.
    """

    provider = "generic"
    DELIVERED = {"delivered", "delivrd", "success", "ok"}
    FAILED = {"failed", "undelivered", "undeliv", "rejected", "rejectd", "expired", "error"}

    def _post_message(self, number, body, reference, callback_url):
        settings = self.settings
        data = {settings.get("to_field") or "to": number,
                settings.get("message_field") or "message": body}
        if settings.get("sender") and settings.get("sender_field"):
            data[settings["sender_field"]] = settings["sender"]
        if reference and settings.get("reference_field"):
            data[settings["reference_field"]] = reference
        headers = {"Accept": "application/json"}
        if settings.get("auth_header"):
            headers[settings["auth_header"]] = settings.get("auth_value") or ""
        method = (settings.get("method") or "POST").upper()
        kwargs = {"headers": headers, "timeout": self.timeout}
        if method == "GET":
            kwargs["params"] = data
        elif settings.get("payload_format") == "json":
            kwargs["json"] = data
        else:
            kwargs["data"] = data
        return self.session.request(method, settings.get("base_url"), **kwargs)

    def _parse_response(self, response):
        settings = self.settings
        rule = settings.get("success_rule") or "http"
        if not 200 <= response.status_code < 300:
            failure = "number_format" if response.status_code in (400, 422) else "rejected"
            return SendResult(False, failure, detail="HTTP %s: %s" % (
                response.status_code, _short(response.text)))
        payload = None
        if rule == "json" or settings.get("id_field"):
            payload = response.json()
        if rule == "contains" and (settings.get("success_value") or "") not in response.text:
            return SendResult(False, "rejected", detail="refused: %s" % _short(response.text))
        if rule == "json":
            value = _dig(payload, settings.get("success_field") or "status")
            if str(value) != (settings.get("success_value") or ""):
                return SendResult(False, "rejected", detail="refused: %s" % _short(response.text))
        provider_id = _dig(payload, settings["id_field"]) if settings.get("id_field") else None
        return SendResult(True, provider_id=str(provider_id) if provider_id else None,
                          detail="HTTP %s" % response.status_code)

    @staticmethod
    def signature(secret, raw_body):
        return "sha256=" + hmac.new((secret or "").encode(), raw_body or b"",
                                    hashlib.sha256).hexdigest()

    def verify(self, url, params, headers, raw_body):
        secret = self.settings.get("webhook_secret") or ""
        given = headers.get("X-Coup-Signature") or ""
        return bool(secret and given) and hmac.compare_digest(
            given.encode(), self.signature(secret, raw_body).encode())

    def _fields(self, params, raw_body):
        if params:
            return params
        try:
            data = json.loads(raw_body or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def parse_deliveries(self, params, raw_body):
        data = self._fields(params, raw_body)
        items = data.get("reports") if isinstance(data.get("reports"), list) else [data]
        deliveries = []
        for item in items:
            raw = str(item.get("status") or "")
            status = "delivered" if raw.lower() in self.DELIVERED else (
                "failed" if raw.lower() in self.FAILED else "pending")
            deliveries.append(Delivery(
                provider_id=str(item["id"]) if item.get("id") else None,
                reference=item.get("reference"), status=status, raw_status=raw,
                error=(item.get("error") or "not_delivered") if status == "failed" else None))
        return deliveries

    def parse_inbound(self, params, raw_body):
        data = self._fields(params, raw_body)
        return Inbound(provider_id=str(data.get("id") or "") or None,
                       sender=data.get("from") or "", recipient=data.get("to") or "",
                       text=data.get("text") or "")


CLIENTS = {client.provider: client for client in (AfricasTalkingClient, TwilioClient,
                                                    GenericHttpClient)}


def make_client(settings, session=None):
    return CLIENTS[settings["provider"]](settings, session=session)


class RateLimiter:
    """At most ``rate`` calls per second (a token bucket of one second's worth), thread-safe."""

    def __init__(self, rate, clock=time.monotonic, sleep=time.sleep):
        self.rate = float(rate or 0)
        self.clock = clock
        self.sleep = sleep
        self.lock = threading.Lock()
        self.allowance = self.rate
        self.last = clock()

    def wait(self):
        if self.rate <= 0:
            return
        with self.lock:
            now = self.clock()
            self.allowance = min(self.rate, self.allowance + (now - self.last) * self.rate)
            self.last = now
            if self.allowance < 1:
                pause = (1 - self.allowance) / self.rate
                self.sleep(pause)
                self.last = self.clock()
                self.allowance = 0
            else:
                self.allowance -= 1


def send_all(client, items, limiter=None, attempts=4, backoff=0.5, sleep=time.sleep,
             log=_logger):
    """Send ``items`` (dicts with ``number``, ``body``, ``reference``, ``callback_url``).

    Each message is tried once; those that failed in a retryable way (timeout, 5xx, 429) are
    tried again after ``backoff`` seconds, then twice that, up to ``attempts`` tries in all,
    without holding up the others. A refused login stops the batch: the messages not yet tried
    fail with ``auth`` instead of being sent to be refused one by one.

    :return: ``{reference: SendResult}``
    """
    results = {}
    pending = list(items)
    delay = backoff
    for attempt in range(1, attempts + 1):
        retry = []
        for index, item in enumerate(pending):
            if limiter:
                limiter.wait()
            result = client.send(item["number"], item["body"], reference=item.get("reference"),
                                 callback_url=item.get("callback_url"))
            result.attempts = attempt
            results[item["reference"]] = result
            if result.failure == "auth":
                log.error("SMS gateway %s refused the credentials (%s): %s messages not sent",
                          client.provider, result.detail, len(pending) - index)
                for other in pending[index + 1:]:
                    results[other["reference"]] = SendResult(
                        False, "auth", detail="not tried: the gateway refused the credentials",
                        attempts=attempt)
                return results
            if result.retryable and attempt < attempts:
                retry.append(item)
        if not retry:
            break
        log.warning("SMS gateway %s: %s of %s messages failed (%s), retry %s/%s in %.1fs",
                    client.provider, len(retry), len(pending),
                    results[retry[0]["reference"]].detail, attempt, attempts - 1, delay)
        sleep(delay)
        delay *= 2
        pending = retry
    return results


def _short(value, limit=200):
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _amount(text):
    """'KES 0.8000' -> 0.8; None for anything else."""
    try:
        return float(str(text).split()[-1])
    except (ValueError, IndexError, TypeError):
        return None


def _dig(payload, path):
    value = payload
    for key in (path or "").split("."):
        if isinstance(value, list):
            value = value[int(key)] if key.isdigit() and int(key) < len(value) else None
        elif isinstance(value, dict):
            value = value.get(key)
        else:
            return None
    return value
