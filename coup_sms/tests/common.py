from unittest.mock import patch

from odoo.tests import HttpCase, TransactionCase, common

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin
from odoo.addons.coup_sms.tests.fake_gateway import FakeGateway

# valid mobile numbers (phonenumbers' examples) of the test cooperatives' countries
ML_MOBILES = ["+22365012345", "+22365012346", "+22365012347", "+22365012348", "+22365012349",
              "+22370123456", "+22370123457", "+22370123458"]
ML_LANDLINE = "+22320212345"
CO_MOBILES = ["+573211234567", "+573211234568", "+573211234569"]


class LocalTimeoutsMixin:
    """Odoo's tests raise every request timeout to 10 s; our fake gateways are local, so their
    timeouts are kept as set (external requests stay blocked)."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        if r.url.startswith("http://127.0.0.1:"):
            return common._super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)


class CoupSmsMixin(LocalTimeoutsMixin, CoupFederationMixin):
    """Two cooperatives of a federation, each with its members and its own fake gateway."""

    _coup_prefix = "SMS"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_ml = cls.manager_ml
        for code in ("fr_FR", "es_ES"):
            cls.env["res.lang"]._activate_lang(code)
        cls.servers = []
        cls.at_server = cls.start_server("africastalking")
        cls.twilio_server = cls.start_server("twilio")
        cls.generic_server = cls.start_server("generic")
        Gateway = cls.env["coup.sms.gateway"]
        cls.gw_at = Gateway.create({
            "name": "AT Mali", "company_id": cls.coop_ml.id, "provider": "africastalking",
            "base_url": cls.at_server.url, "at_username": "coopml", "api_key": "at-key-123",
            "sender": "COOPML", "rate_per_second": 1000, "retry_backoff": 0.01,
            "timeout": 1, "cost_per_sms": 25.0, "currency_id": cls.env.ref("base.XOF").id,
            "webhook_secret": "at-secret"})
        cls.gw_twilio = Gateway.create({
            "name": "Twilio Colombia", "company_id": cls.coop_co.id, "provider": "twilio",
            "base_url": cls.twilio_server.url, "account_sid": "AC0123456789abcdef",
            "auth_token": "twilio-token", "sender": "+15005550006", "rate_per_second": 1000,
            "retry_backoff": 0.01, "timeout": 1, "cost_per_sms": 0.05,
            "currency_id": cls.env.ref("base.USD").id})
        cls.gw_generic = Gateway.create({
            "name": "Local operator", "company_id": cls.coop_ml.id, "provider": "generic",
            "sequence": 20, "base_url": cls.generic_server.url + "/api/send",
            "auth_header": "X-Api-Key", "auth_value": "local-key", "sender": "COOP",
            "payload_format": "json", "success_rule": "json", "success_field": "status",
            "success_value": "ok", "id_field": "data.id", "rate_per_second": 1000,
            "retry_backoff": 0.01, "timeout": 1, "cost_per_sms": 20.0,
            "currency_id": cls.env.ref("base.XOF").id, "webhook_secret": "generic-secret"})
        cls.sleeps = []
        for target in ("odoo.addons.coup_sms.models.coup_sms_gateway._sleep",
                       "odoo.addons.coup_sms.models.coup_sms_campaign._sleep"):
            patcher = patch(target, side_effect=cls.sleeps.append)
            patcher.start()
            cls.addClassCleanup(patcher.stop)

    @classmethod
    def start_server(cls, provider, **kwargs):
        server = FakeGateway(provider, **kwargs).start()
        cls.addClassCleanup(server.stop)
        return server

    def setUp(self):
        super().setUp()
        for server in (self.at_server, self.twilio_server, self.generic_server):
            server.reset()
            server.fail_rate = 0.0
        self.sleeps.clear()

    @classmethod
    def make_member(cls, name, company, phone=None, consent=True, lang=None, **vals):
        partner = cls.env["res.partner"].create({
            "name": name, "member_first_name": name.split()[0], "mobile": phone,
            "sms_consent": consent, "lang": lang or "en_US",
            "country_id": company.country_id.id, **vals})
        membership = cls.env["coup.membership"].create({
            "partner_id": partner.id, "company_id": company.id})
        return partner, membership

    @classmethod
    def make_segment(cls, company, **vals):
        return cls.env["coup.member.segment"].create({
            "name": "All of %s" % company.name, "company_id": company.id,
            "include_child_companies": False, **vals})


class CoupSmsCase(CoupSmsMixin, TransactionCase):
    pass


class CoupSmsHttpCase(CoupSmsMixin, HttpCase):
    pass
