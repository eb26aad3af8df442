"""Pure tests of the SMS gateway clients and SMS text helpers: no database, no Odoo.

Each client talks to a fake gateway, a threaded HTTP server on 127.0.0.1 started here
(coup_sms/tests/fake_gateway.py); nothing reaches the internet.
"""
import base64
import importlib.util
import json
import pathlib
import sys

import pytest

_ROOT = pathlib.Path(__file__).parents[1] / "coup_sms"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gc = _load("coup_sms_gateway_clients", _ROOT / "tools" / "gateway_clients.py")
st = _load("coup_sms_text", _ROOT / "tools" / "sms_text.py")
# numbers are read by the registry's one normaliser (coup_sms depends on the registry)
phone = _load("coup_register_phone",
              _ROOT.parent / "coup_member_registry" / "tools" / "phone.py")
fake = _load("coup_sms_fake_gateway", _ROOT / "tests" / "fake_gateway.py")

ML = "+22365012345"


@pytest.fixture
def server(request):
    gateway = fake.FakeGateway(request.param if hasattr(request, "param") else "africastalking",
                               timeout_delay=0.6).start()
    yield gateway
    gateway.stop()


def at_client(server, **settings):
    return gc.make_client(dict(provider="africastalking", base_url=server.url,
                               username="coop", api_key="key-1", sender="COOP", timeout=0.3,
                               webhook_secret="s3cret", **settings))


def twilio_client(server, **settings):
    return gc.make_client(dict(provider="twilio", base_url=server.url, account_sid="AC1",
                               auth_token="tok", sender="+15005550006", timeout=0.3,
                               **settings))


def generic_client(server, **settings):
    base = dict(provider="generic", base_url=server.url + "/send", to_field="msisdn",
                message_field="text", sender_field="sender", reference_field="ref",
                sender="COOP", auth_header="Authorization", auth_value="Bearer abc",
                success_rule="json", success_field="status", success_value="ok",
                id_field="data.id", payload_format="form", webhook_secret="gs", timeout=0.3)
    base.update(settings)
    return gc.make_client(base)


# -- Africa's Talking ------------------------------------------------------------


def test_africastalking_wire_format(server):
    result = at_client(server).send(ML, "Bonjour à tous", reference="u1")
    request = server.requests[0]
    assert request["path"] == "/version1/messaging"
    assert request["headers"]["apiKey"] == "key-1"
    assert request["headers"]["Accept"] == "application/json"
    assert request["form"] == {"username": "coop", "to": ML, "message": "Bonjour à tous",
                               "from": "COOP"}
    assert result.accepted and result.provider_id == "ATXid_000001"
    assert result.cost == 0.8


def test_africastalking_sandbox_url():
    client = gc.make_client({"provider": "africastalking", "username": "sandbox"})
    assert client.url == "https://api.sandbox.africastalking.com/version1/messaging"
    client = gc.make_client({"provider": "africastalking", "username": "coop"})
    assert client.url == "https://api.africastalking.com/version1/messaging"


@pytest.mark.parametrize("behaviour, failure, retryable", [
    ("500", "server", True), ("503", "server", True), ("429", "server", True),
    ("timeout", "server", True), ("401", "auth", False), ("garbage", "server", False),
    ("reject", "number_format", False),
])
def test_africastalking_failures(server, behaviour, failure, retryable):
    server.script(behaviour)
    result = at_client(server).send(ML, "x")
    assert (result.accepted, result.failure, result.retryable) == (False, failure, retryable)
    assert result.detail


def test_connection_refused():
    result = gc.make_client({"provider": "africastalking", "base_url": "http://127.0.0.1:9",
                             "timeout": 0.3}).send(ML, "x")
    assert (result.failure, result.retryable) == ("server", True)
    assert "connection error" in result.detail


def test_africastalking_webhooks():
    client = gc.make_client({"provider": "africastalking", "webhook_secret": "s3cret"})
    assert client.verify("u", {"token": "s3cret"}, {}, b"")
    assert client.verify("u", {}, {"X-Coup-Token": "s3cret"}, b"")
    assert not client.verify("u", {"token": "wrong"}, {}, b"")
    assert not client.verify("u", {}, {}, b"")
    unset = gc.make_client({"provider": "africastalking", "webhook_secret": ""})
    assert not unset.verify("u", {"token": ""}, {}, b""), "no secret: refuse everything"
    [report] = client.parse_deliveries({"id": "ATX1", "status": "Success"}, b"")
    assert (report.provider_id, report.status) == ("ATX1", "delivered")
    [report] = client.parse_deliveries({"id": "ATX1", "status": "Failed",
                                        "failureReason": "UserInBlackList"}, b"")
    assert (report.status, report.error) == ("failed", "not_allowed")
    inbound = client.parse_inbound({"from": ML, "to": "3000", "text": "STOP", "id": "i1"}, b"")
    assert (inbound.sender, inbound.text, inbound.provider_id) == (ML, "STOP", "i1")


# -- Twilio ------------------------------------------------------------------------


def test_twilio_wire_format(server):
    server.provider = "twilio"
    result = twilio_client(server).send(ML, "Hola", callback_url="https://x/cb?ref=1")
    request = server.requests[0]
    assert request["path"] == "/2010-04-01/Accounts/AC1/Messages.json"
    assert request["headers"]["Authorization"] == "Basic " + base64.b64encode(b"AC1:tok").decode()
    assert request["form"] == {"To": ML, "Body": "Hola", "From": "+15005550006",
                               "StatusCallback": "https://x/cb?ref=1"}
    assert result.accepted and result.provider_id.startswith("SM")


@pytest.mark.parametrize("code, failure", [(21211, "number_format"), (21408, "country"),
                                           (21610, "blacklist"), (20003, "auth"),
                                           (99999, "rejected")])
def test_twilio_error_codes(server, code, failure):
    server.provider = "twilio"
    server.script((400, json.dumps({"code": code, "message": "nope", "status": 400})))
    result = twilio_client(server).send(ML, "x")
    assert (result.accepted, result.failure) == (False, failure)


def test_twilio_signature_published_vector():
    """The example of Twilio's request validation documentation."""
    params = {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675309", "Digits": "1234",
              "From": "+14158675309", "To": "+18005551212"}
    url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    assert gc.TwilioClient.signature("12345", url, params) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    client = gc.make_client({"provider": "twilio", "auth_token": "12345"})
    headers = {"X-Twilio-Signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8="}
    assert client.verify(url, params, headers, b"")
    assert client.verify(["http://other", url], params, headers, b"")
    assert not client.verify(url, dict(params, Digits="9999"), headers, b"")
    assert not client.verify(url + "&x=1", params, headers, b"")
    assert not client.verify(url, params, {}, b"")


def test_twilio_delivery_statuses():
    client = gc.make_client({"provider": "twilio"})
    [report] = client.parse_deliveries({"MessageSid": "SM1", "MessageStatus": "delivered",
                                        "ref": "u1"}, b"")
    assert (report.provider_id, report.reference, report.status) == ("SM1", "u1", "delivered")
    [report] = client.parse_deliveries({"MessageSid": "SM1", "MessageStatus": "undelivered",
                                        "ErrorCode": "30006"}, b"")
    assert (report.status, report.error) == ("failed", "invalid_destination")
    [report] = client.parse_deliveries({"MessageSid": "SM1", "MessageStatus": "sent"}, b"")
    assert report.status == "pending"


# -- generic ------------------------------------------------------------------------


def test_generic_wire_format(server):
    server.provider = "generic"
    result = generic_client(server).send(ML, "Salut", reference="u1")
    request = server.requests[0]
    assert request["path"] == "/send"
    assert request["headers"]["Authorization"] == "Bearer abc"
    assert request["form"] == {"msisdn": ML, "text": "Salut", "sender": "COOP", "ref": "u1"}
    assert (result.accepted, result.provider_id) == (True, "G000001")


def test_generic_json_and_rules(server):
    server.provider = "generic"
    client = generic_client(server, payload_format="json")
    client.send(ML, "Salut")
    assert server.requests[0]["json"] == {"msisdn": ML, "text": "Salut", "sender": "COOP"}
    server.script((200, json.dumps({"status": "fail"})))
    assert client.send(ML, "x").failure == "rejected"
    server.script((400, json.dumps({"error": "bad number"})))
    assert client.send(ML, "x").failure == "number_format"
    server.script("garbage")
    result = client.send(ML, "x")
    assert (result.failure, result.retryable) == ("server", False)


def test_generic_signature():
    client = gc.make_client({"provider": "generic", "webhook_secret": "gs"})
    body = b'{"id": "G1", "status": "DELIVRD"}'
    good = gc.GenericHttpClient.signature("gs", body)
    assert good.startswith("sha256=")
    assert client.verify("u", {}, {"X-Coup-Signature": good}, body)
    assert not client.verify("u", {}, {"X-Coup-Signature": good}, body + b" ")
    assert not client.verify("u", {}, {}, body)
    [report] = client.parse_deliveries({}, body)
    assert (report.provider_id, report.status) == ("G1", "delivered")


# -- sending many -----------------------------------------------------------------------


def test_send_all_retries_with_backoff(server):
    server.script("500", "ok", "timeout", "ok", "503")
    pauses = []
    items = [{"reference": str(i), "number": "+2236501234%s" % i, "body": "b"} for i in range(3)]
    results = gc.send_all(at_client(server), items, attempts=4, backoff=0.5,
                          sleep=pauses.append)
    assert all(result.accepted for result in results.values())
    assert sorted(server.count_by_number().values()) == [1, 1, 1]
    assert pauses == [0.5, 1.0]
    assert (results["0"].attempts, results["2"].attempts) == (2, 3)


def test_send_all_stops_on_refused_credentials(server):
    server.script("401")
    items = [{"reference": str(i), "number": ML, "body": "b"} for i in range(5)]
    results = gc.send_all(at_client(server), items, sleep=lambda s: None)
    assert len(server.requests) == 1
    assert {result.failure for result in results.values()} == {"auth"}


def test_rate_limiter():
    now = [0.0]
    pauses = []

    def sleep(seconds):
        pauses.append(seconds)
        now[0] += seconds

    limiter = gc.RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    for __ in range(30):
        limiter.wait()
    assert now[0] == pytest.approx(2.0, abs=0.01), "10 at once, then 10 per second"


# -- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("a" * 160, (1, "gsm7", 160)), ("a" * 161, (2, "gsm7", 161)), ("a" * 306, (2, "gsm7", 306)),
    ("a" * 307, (3, "gsm7", 307)), ("€" * 80, (1, "gsm7", 160)), ("{" * 81, (2, "gsm7", 162)),
    ("Réunion à 9h", (1, "gsm7", 12)), ("ê" * 70, (1, "ucs2", 70)), ("ê" * 71, (2, "ucs2", 71)),
    ("Año ✅", (1, "ucs2", 5)), ("", (0, "gsm7", 0)),
])
def test_sms_segments(text, expected):
    assert st.sms_segments(text) == expected


@pytest.mark.parametrize("number, region, expected", [
    ("+22365012345", "ML", ("+22365012345", None)),
    ("65 01 23 45", "ML", ("+22365012345", None)),
    ("0022365012345", None, ("+22365012345", None)),
    ("+22320212345", "ML", ("+22320212345", "not_mobile")),
    ("3211234567", "CO", ("+573211234567", None)),
    ("12345", "ML", (False, "invalid")),
    ("abc", "ML", (False, "invalid")),
    ("", "ML", (False, "missing")),
    (None, "ML", (False, "missing")),
])
def test_check_mobile(number, region, expected):
    assert phone.check_mobile(number, region) == expected


@pytest.mark.parametrize("number, expected", [
    ("+22376123456", "76123456"),  # typed "76 12 34 56" or "0022376123456"
    ("+573211234567", "3211234567"),
    ("+32475000000", "475000000"),  # typed "0475 00 00 00" in Belgium
    ("12345", None), ("", None), (None, None),
])
def test_national_number(number, expected):
    assert phone.national_number(number) == expected


def test_sms_text_parses_no_phone_itself():
    """One normaliser: the SMS text helpers leave numbers to the registry's tools/phone.py."""
    source = (_ROOT / "tools" / "sms_text.py").read_text()
    assert "phonenumbers" not in source
    assert not hasattr(st, "check_mobile") and not hasattr(st, "national_number")


def test_placeholders():
    assert st.placeholders("Bonjour {first_name} {first_name}, {link}") == ["first_name", "link"]
    assert st.render("Bonjour {first_name}, n° {member_number}{x}",
                     {"first_name": "Awa", "member_number": False}) == "Bonjour Awa, n° "


@pytest.mark.parametrize("text, expected", [
    ("STOP", True), ("stop", True), ("Arrêt", True), ("ARRET!", True), ("parar", True),
    ("PARAR por favor", True), ("Stop svp", True), ("stopper", False),
    ("je ne veux pas stop", False), ("OUI 12", False), ("", False),
])
def test_opt_out_keyword(text, expected):
    assert st.opt_out_keyword(text) is expected
