import base64
import json
from unittest.mock import patch

from odoo.tests import tagged

from .common import CO_MOBILES, ML_MOBILES, CoupSmsCase


@tagged("post_install", "-at_install")
class TestGatewaySending(CoupSmsCase):
    """Every SMS of a cooperative goes through its gateway, with Odoo's states."""

    def make_sms(self, company, number, body="Bonjour", **vals):
        return self.env["sms.sms"].sudo().create(dict(
            number=number, body=body, coup_company_id=company.id, **vals))

    # -- wire formats -----------------------------------------------------

    def test_africastalking_request(self):
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0], "Réunion demain à 9h")
        sms.send()
        self.assertEqual(len(self.at_server.requests), 1)
        request = self.at_server.requests[0]
        self.assertEqual(request["method"], "POST")
        self.assertEqual(request["path"], "/version1/messaging")
        self.assertEqual(request["headers"]["apiKey"], "at-key-123")
        self.assertEqual(request["headers"]["Accept"], "application/json")
        self.assertIn("application/x-www-form-urlencoded", request["headers"]["Content-Type"])
        self.assertEqual(request["form"], {"username": "coopml", "to": ML_MOBILES[0],
                                           "message": "Réunion demain à 9h", "from": "COOPML"})
        self.assertEqual(sms.state, "pending", "accepted by the gateway: Odoo's 'Sent'")
        self.assertFalse(sms.failure_type)
        self.assertEqual(sms.coup_gateway_id, self.gw_at)
        self.assertEqual(sms.coup_provider_message_id, "ATXid_000001")
        self.assertAlmostEqual(sms.coup_cost, 0.8)
        self.assertFalse(sms.to_delete, "kept for delivery reports and the dashboard")

    def test_twilio_request(self):
        sms = self.make_sms(self.coop_co, CO_MOBILES[0], "Asamblea mañana")
        sms.send()
        request = self.twilio_server.requests[0]
        self.assertEqual(request["path"], "/2010-04-01/Accounts/AC0123456789abcdef/Messages.json")
        expected = "Basic " + base64.b64encode(b"AC0123456789abcdef:twilio-token").decode()
        self.assertEqual(request["headers"]["Authorization"], expected)
        form = request["form"]
        self.assertEqual(form["To"], CO_MOBILES[0])
        self.assertEqual(form["From"], "+15005550006")
        self.assertEqual(form["Body"], "Asamblea mañana")
        self.assertEqual(form["StatusCallback"], "%s/coup_sms/%s/delivery?ref=%s" % (
            self.gw_twilio.get_base_url(), self.gw_twilio.id, sms.uuid))
        self.assertEqual(sms.state, "pending")
        self.assertTrue(sms.coup_provider_message_id.startswith("SM"))

    def test_twilio_messaging_service(self):
        self.gw_twilio.sender = "MG0123456789"
        self.make_sms(self.coop_co, CO_MOBILES[0]).send()
        form = self.twilio_server.requests[0]["form"]
        self.assertEqual(form["MessagingServiceSid"], "MG0123456789")
        self.assertNotIn("From", form)

    def test_generic_request(self):
        self.gw_at.active = False  # the generic gateway is now the first of the coop
        sms = self.make_sms(self.coop_ml, ML_MOBILES[1], "Hello")
        sms.send()
        request = self.generic_server.requests[0]
        self.assertEqual(request["path"], "/api/send")
        self.assertEqual(request["headers"]["X-Api-Key"], "local-key")
        self.assertEqual(request["json"], {"to": ML_MOBILES[1], "message": "Hello",
                                           "from": "COOP", "reference": sms.uuid})
        self.assertEqual(sms.state, "pending")
        self.assertEqual(sms.coup_provider_message_id, "G000001")

    def test_generic_get_form_and_contains_rule(self):
        self.gw_at.active = False
        self.gw_generic.write({"http_method": "GET", "success_rule": "contains",
                               "success_value": "ACCEPTED", "id_field": False})
        self.generic_server.script((200, "ACCEPTED id=1"), (200, "REFUSED: no credit"))
        ok = self.make_sms(self.coop_ml, ML_MOBILES[1])
        refused = self.make_sms(self.coop_ml, ML_MOBILES[2])
        (ok | refused).send()
        self.assertEqual(self.generic_server.requests[0]["method"], "GET")
        self.assertEqual(self.generic_server.requests[0]["query"]["to"], ML_MOBILES[1])
        self.assertEqual(ok.state, "pending")
        self.assertEqual(refused.state, "error")
        self.assertEqual(refused.failure_type, "unknown")
        self.assertIn("REFUSED", refused.coup_error)

    # -- routing ------------------------------------------------------------

    def test_each_cooperative_its_gateway(self):
        sms_ml = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms_co = self.make_sms(self.coop_co, CO_MOBILES[0])
        (sms_ml | sms_co).send()
        self.assertEqual([r["form"]["to"] for r in self.at_server.requests], [ML_MOBILES[0]])
        self.assertEqual([r["form"]["To"] for r in self.twilio_server.requests], [CO_MOBILES[0]])
        self.assertFalse(self.generic_server.requests)

    def test_the_queue_commits_every_twenty_sms(self):
        """Odoo's queue commits after each batch: through a gateway, batches of 20, so that a
        worker stopped while sending loses the outcome of 20 messages at most, not 500."""
        sms = self.env["sms.sms"].sudo().create([{
            "number": ML_MOBILES[index % len(ML_MOBILES)], "body": "Réunion %s" % index,
            "coup_company_id": self.coop_ml.id} for index in range(45)])
        self.assertEqual([len(batch) for batch in sms._split_batch()], [20, 20, 5])
        sent = []
        real_send = type(sms)._send

        def send(records, *args, **kwargs):
            sent.append(len(records))
            return real_send(records, *args, **kwargs)
        with patch.object(type(sms), "_send", send):
            self.env["sms.sms"].sudo()._process_queue(sms.ids)
        self.assertEqual(sent, [20, 20, 5])
        self.assertEqual(len(self.at_server.accepted), 45)
        self.assertEqual(set(sms.mapped("state")), {"pending"})

    def test_without_gateway_odoo_iap(self):
        """A company without gateway keeps Odoo's own service (IAP)."""
        sms = self.make_sms(self.federation, ML_MOBILES[0])
        with patch("odoo.addons.sms.models.sms_sms.SmsApi._send_sms_batch",
                   return_value=[{"uuid": sms.uuid, "state": "success"}]) as iap:
            sms.send(unlink_sent=False)
        iap.assert_called_once()
        self.assertEqual(sms.state, "pending")
        self.assertFalse(sms.coup_gateway_id)
        self.assertFalse(self.at_server.requests)

    def test_company_from_document(self):
        """SMS posted on a member's record go through the member's cooperative's gateway."""
        partner, membership = self.make_member("Awa Diarra", self.coop_ml, ML_MOBILES[3])
        membership.with_company(self.federation)._message_sms(
            "Votre carte est prête", partner_ids=partner.ids)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", partner.id)])
        self.assertEqual(sms.coup_company_id, self.coop_ml)
        self.assertEqual(sms.coup_gateway_id, self.gw_at)
        self.assertEqual(self.at_server.accepted[0]["to"], ML_MOBILES[3])
        notification = sms.mail_message_id.notification_ids
        self.assertEqual(notification.notification_status, "pending")

    def test_chatter_sms_on_partner(self):
        """Chatter SMS on a member's contact: the member's only cooperative."""
        partner, __ = self.make_member("Issa Traoré", self.coop_co, CO_MOBILES[1])
        partner.with_company(self.federation)._message_sms("Hola", partner_ids=partner.ids)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", partner.id)])
        self.assertEqual(sms.coup_company_id, self.coop_co)
        self.assertEqual(sms.state, "pending")
        self.assertEqual(self.twilio_server.accepted[0]["to"], CO_MOBILES[1])

    def test_mass_sms_composer(self):
        """Odoo's mass SMS (as SMS marketing sends them): each member through their
        cooperative's gateway."""
        awa, __ = self.make_member("Awa Diarra", self.coop_ml, ML_MOBILES[0])
        ana, __ = self.make_member("Ana Gomez", self.coop_co, CO_MOBILES[0])
        composer = self.env["sms.composer"].with_context(
            active_model="res.partner", active_ids=(awa | ana).ids,
            default_composition_mode="mass").create({
                "body": "Hello {{ object.name }}", "mass_force_send": True})
        composer.action_send_sms()
        self.assertEqual([(m["to"], m["message"]) for m in self.at_server.accepted],
                         [(ML_MOBILES[0], "Hello Awa Diarra")])
        self.assertEqual([(m["to"], m["message"]) for m in self.twilio_server.accepted],
                         [(CO_MOBILES[0], "Hello Ana Gomez")])
        sms = self.env["sms.sms"].sudo().search([("partner_id", "in", (awa | ana).ids)])
        self.assertEqual(set(sms.mapped("state")), {"pending"})

    def test_member_number_as_typed_sent_in_e164(self):
        """A member's number stays as typed; Odoo's sanitized number, and the SMS, read it in
        the member's cooperative's country, whoever saved it."""
        partner = self.env["res.partner"].with_company(self.coop_co).create({
            "name": "Awa Diarra", "mobile": "65 01 23 47"})
        self.assertFalse(partner.phone_sanitized, "not a Colombian number")
        self.env["coup.membership"].create({"partner_id": partner.id,
                                            "company_id": self.coop_ml.id})
        self.assertEqual(partner.phone_sanitized, ML_MOBILES[2], "a Malian one")
        partner.with_company(self.federation)._message_sms("Bonjour", partner_ids=partner.ids)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", partner.id)])
        self.assertEqual((sms.coup_gateway_id, sms.state), (self.gw_at, "pending"))
        self.assertEqual(self.at_server.accepted[0]["to"], ML_MOBILES[2])
        self.assertEqual(partner.mobile, "65 01 23 47")

    def test_member_of_a_cooperative_the_user_does_not_work_for(self):
        """The shop next door texting a customer who is a member of a cooperative: its SMS
        are its own (Odoo's IAP), not spent on the cooperative's gateway."""
        awa, __ = self.make_member("Awa Diarra", self.coop_ml, ML_MOBILES[0])
        shop = self.env["res.company"].create({"name": "SMS Shop"})
        clerk = self.env["res.users"].create({
            "name": "Shop Clerk", "login": "sms_shop_clerk", "company_id": shop.id,
            "company_ids": [(6, 0, shop.ids)],
            "groups_id": [(6, 0, self.env.ref("base.group_user").ids)]})
        Sms = self.env["sms.sms"].with_user(clerk).with_company(shop)
        vals = [{"partner_id": awa.id, "number": ML_MOBILES[0]}]
        Sms._coup_set_company(vals)
        self.assertEqual(vals[0]["coup_company_id"], shop.id)
        vals = [{"partner_id": awa.id, "number": ML_MOBILES[0]}]
        self.env["sms.sms"].with_company(self.federation)._coup_set_company(vals)
        self.assertEqual(vals[0]["coup_company_id"], self.coop_ml.id,
                         "from the federation, through the member's cooperative")

    def test_no_gateway_no_lookup(self):
        """Without any Co-Up gateway, choosing an SMS's cooperative reads nothing."""
        awa, __ = self.make_member("Awa Diarra", self.coop_ml, ML_MOBILES[0])
        Sms = self.env["sms.sms"].with_company(self.federation)
        vals = [{"partner_id": awa.id, "number": ML_MOBILES[0]}]
        Sms._coup_set_company(vals)
        self.assertEqual(vals[0]["coup_company_id"], self.coop_ml.id)
        self.env["coup.sms.gateway"].search([]).action_archive()
        self.assertEqual(Sms.env["coup.sms.gateway"]._coup_gateway_ids_by_company(), {})
        vals = [{"partner_id": awa.id, "number": ML_MOBILES[0]}]
        with self.assertQueryCount(0):
            Sms._coup_set_company(vals)
        self.assertEqual(vals[0]["coup_company_id"], self.federation.id)
        self.gw_at.action_unarchive()
        self.assertEqual(Sms.env["coup.sms.gateway"]._coup_gateway_ids_by_company(),
                         {self.coop_ml.id: self.gw_at.id}, "the cache follows the gateways")

    def test_one_batch_costs_the_same_queries_as_one_sms(self):
        """Sending through a gateway reads and writes per batch, not per message."""
        def queries(numbers):
            batch = self.env["sms.sms"].sudo().browse()
            for number in numbers:
                batch |= self.make_sms(self.coop_ml, number)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            batch.send()
            self.env.flush_all()
            self.assertEqual(set(batch.mapped("state")), {"pending"})
            return self.env.cr.sql_log_count - before
        queries(ML_MOBILES[:1])  # caches warm
        self.assertEqual(queries(ML_MOBILES[1:2]), queries(ML_MOBILES[2:8]))

    def test_resend_failed_goes_through_gateway(self):
        self.gw_at.retry_attempts = 1
        self.at_server.script("500")
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms.send()
        self.assertEqual(sms.state, "error")
        sms.resend_failed()
        self.assertEqual(sms.state, "pending")
        self.assertEqual(len(self.at_server.accepted), 1)

    # -- failures -----------------------------------------------------------

    def test_retry_with_backoff_then_success(self):
        self.at_server.script("500", "timeout", "503")
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0])
        with self.assertLogs("odoo.addons.coup_sms.models.coup_sms_gateway", "WARNING") as logs:
            sms.send()
        self.assertEqual(len(self.at_server.requests), 4)
        self.assertEqual(len(self.at_server.accepted), 1)
        self.assertEqual(self.sleeps, [0.01, 0.02, 0.04], "back-off doubles")
        self.assertIn("retry 1/4", logs.output[0])
        self.assertEqual(sms.state, "pending")
        self.assertEqual(sms.coup_attempts, 4)

    def test_server_errors_exhaust_attempts(self):
        self.gw_at.retry_attempts = 3
        self.at_server.script("500", "500", "500")
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms.send()
        self.assertEqual(len(self.at_server.requests), 3)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertTrue(sms.coup_retryable)
        self.assertIn("HTTP 500", sms.coup_error)

    def test_timeout(self):
        self.gw_at.retry_attempts = 1
        self.at_server.script("timeout")
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms.send()
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertIn("timeout", sms.coup_error)

    def test_garbage_not_retried(self):
        """An unreadable answer may hide an accepted message: reported, never sent again."""
        self.at_server.script("garbage")
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms.send()
        self.assertEqual(len(self.at_server.requests), 1)
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.failure_type, "sms_server")
        self.assertFalse(sms.coup_retryable)
        self.assertIn("unreadable answer", sms.coup_error)

    def test_credentials_refused(self):
        self.at_server.script("401")
        batch = self.make_sms(self.coop_ml, ML_MOBILES[0]) | self.make_sms(
            self.coop_ml, ML_MOBILES[1]) | self.make_sms(self.coop_ml, ML_MOBILES[2])
        with self.assertLogs("odoo.addons.coup_sms.models.coup_sms_gateway", "ERROR") as logs:
            batch.send()
        self.assertIn("refused the credentials", logs.output[0])
        self.assertEqual(len(self.at_server.requests), 1, "the others are not tried")
        self.assertEqual(set(batch.mapped("state")), {"error"})
        self.assertEqual(set(batch.mapped("failure_type")), {"sms_acc"})

    def test_twilio_credentials_refused(self):
        self.twilio_server.script("401")
        sms = self.make_sms(self.coop_co, CO_MOBILES[0])
        with self.assertLogs("odoo.addons.coup_sms.models.coup_sms_gateway", "ERROR") as logs:
            sms.send()
        self.assertIn("refused the credentials", logs.output[0])
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_acc"))

    def test_provider_rejects_number(self):
        self.at_server.script("reject")
        self.twilio_server.script("reject")
        sms_ml = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms_co = self.make_sms(self.coop_co, CO_MOBILES[0])
        (sms_ml | sms_co).send()
        self.assertEqual((sms_ml.state, sms_ml.failure_type), ("error", "sms_number_format"))
        self.assertEqual((sms_co.state, sms_co.failure_type), ("error", "sms_number_format"))
        self.assertIn("21211", sms_co.coup_error)

    def test_at_insufficient_balance(self):
        self.at_server.script((201, json.dumps({"SMSMessageData": {
            "Message": "Sent to 0/1", "Recipients": [
                {"statusCode": 405, "number": ML_MOBILES[0], "status": "InsufficientBalance",
                 "cost": "0", "messageId": "None"}]}})))
        sms = self.make_sms(self.coop_ml, ML_MOBILES[0])
        sms.send()
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_credit"))

    def test_invalid_number_not_sent(self):
        sms = self.make_sms(self.coop_ml, "12345")
        missing = self.make_sms(self.coop_ml, False)
        landline = self.make_sms(self.coop_ml, "20 21 23 45")
        (sms | missing | landline).send()
        self.assertFalse(self.at_server.requests)
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_number_format"))
        self.assertEqual(missing.failure_type, "sms_number_missing")
        self.assertEqual((landline.failure_type, landline.coup_error),
                         ("sms_number_format", "not a mobile number"))

    def test_rate_limit(self):
        """At most rate_per_second calls per second: 5 SMS at 2/s wait about 1.5 s."""
        self.gw_at.rate_per_second = 2
        batch = self.env["sms.sms"].sudo().browse()
        for number in ML_MOBILES[:5]:
            batch |= self.make_sms(self.coop_ml, number)
        import time
        start = time.monotonic()
        batch.send()
        self.assertGreaterEqual(time.monotonic() - start, 1.4)
        self.assertEqual(len(self.at_server.accepted), 5)

    def test_parallel_calls(self):
        self.gw_at.parallel_requests = 3
        self.at_server.script("500")
        batch = self.env["sms.sms"].sudo().browse()
        for number in ML_MOBILES:
            batch |= self.make_sms(self.coop_ml, number)
        batch.send()
        self.assertEqual(set(batch.mapped("state")), {"pending"})
        self.assertEqual(sorted(self.at_server.count_by_number().values()), [1] * 8)

    def test_test_button(self):
        self.gw_at.test_number = "65 01 23 45"
        action = self.gw_at.action_send_test()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.at_server.accepted[0]["to"], "+22365012345")
