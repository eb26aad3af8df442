import hashlib
import hmac
import json
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coup_sms.tools import gateway_clients
from odoo.addons.coup_sms.tools.gateway_clients import TwilioClient

from .common import CO_MOBILES, ML_MOBILES, CoupSmsHttpCase

LOGGER = "odoo.addons.coup_sms.controllers.main"


@tagged("post_install", "-at_install")
class TestWebhooks(CoupSmsHttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa, __ = cls.make_member("Awa Diarra", cls.coop_ml, ML_MOBILES[0], lang="fr_FR")
        cls.ana, __ = cls.make_member("Ana Gomez", cls.coop_co, CO_MOBILES[0], lang="es_ES")

    def send_sms(self, company, number):
        sms = self.env["sms.sms"].sudo().create({"number": number, "body": "Hi",
                                                 "coup_company_id": company.id})
        sms.send()
        self.assertEqual(sms.state, "pending")
        return sms

    def post(self, path, data=None, headers=None, body=None):
        url = self.base_url() + path
        if body is not None:
            return self.opener.post(url, data=body, headers=headers or {}, timeout=10)
        return self.url_open(url, data=data or {}, headers=headers)

    def twilio_post(self, path, data, token="twilio-token"):
        signature = TwilioClient.signature(token, self.base_url() + path, data)
        return self.post(path, data, headers={"X-Twilio-Signature": signature})

    def generic_post(self, path, payload, secret="generic-secret"):
        body = json.dumps(payload).encode()
        signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return self.post(path, headers={"Content-Type": "application/json",
                                        "X-Coup-Signature": signature}, body=body)

    # -- delivery reports -----------------------------------------------------

    def test_africastalking_delivery(self):
        sms = self.send_sms(self.coop_ml, ML_MOBILES[0])
        path = "/coup_sms/%s/delivery?token=at-secret" % self.gw_at.id
        response = self.post(path, {"id": sms.coup_provider_message_id, "status": "Success",
                                    "phoneNumber": ML_MOBILES[0], "networkCode": "61001"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(sms.state, "sent", "Odoo's 'Delivered'")
        self.assertTrue(sms.coup_delivered_date)
        # a late 'Sent' report does not undo it
        self.post(path, {"id": sms.coup_provider_message_id, "status": "Sent"})
        self.assertEqual(sms.state, "sent")

    def test_africastalking_failed_delivery(self):
        sms = self.send_sms(self.coop_ml, ML_MOBILES[0])
        self.post("/coup_sms/%s/delivery?token=at-secret" % self.gw_at.id, {
            "id": sms.coup_provider_message_id, "status": "Failed",
            "failureReason": "UserDoesNotExist"})
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_invalid_destination"))

    def test_africastalking_token_refused(self):
        sms = self.send_sms(self.coop_ml, ML_MOBILES[0])
        for query in ("", "?token=wrong"):
            with self.assertLogs(LOGGER, "WARNING") as logs:
                response = self.post("/coup_sms/%s/delivery%s" % (self.gw_at.id, query),
                                     {"id": sms.coup_provider_message_id, "status": "Success"})
            self.assertEqual(response.status_code, 403)
            self.assertIn("missing or wrong signature", logs.output[0])
        self.assertEqual(sms.state, "pending")
        # the header works too
        response = self.post("/coup_sms/%s/delivery" % self.gw_at.id,
                             {"id": sms.coup_provider_message_id, "status": "Success"},
                             headers={"X-Coup-Token": "at-secret"})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(sms.state, "sent")

    def test_twilio_delivery_signed(self):
        sms = self.send_sms(self.coop_co, CO_MOBILES[0])
        callback = self.twilio_server.accepted[0]["fields"]["StatusCallback"]
        path = callback[len(self.gw_twilio.get_base_url()):]
        data = {"MessageSid": sms.coup_provider_message_id, "MessageStatus": "delivered",
                "To": CO_MOBILES[0], "AccountSid": "AC0123456789abcdef"}
        with self.assertLogs(LOGGER, "WARNING"):
            self.assertEqual(self.post(path, data).status_code, 403, "unsigned")
            self.assertEqual(self.twilio_post(path, data, token="other").status_code, 403)
            tampered = dict(data, MessageStatus="failed")
            signature = TwilioClient.signature("twilio-token", self.base_url() + path, data)
            self.assertEqual(self.post(path, tampered,
                                       headers={"X-Twilio-Signature": signature}).status_code, 403)
        self.assertEqual(sms.state, "pending")
        self.assertEqual(self.twilio_post(path, data).status_code, 200)
        self.assertEqual(sms.state, "sent")

    def test_twilio_undelivered(self):
        sms = self.send_sms(self.coop_co, CO_MOBILES[0])
        path = "/coup_sms/%s/delivery?ref=%s" % (self.gw_twilio.id, sms.uuid)
        self.twilio_post(path, {"MessageSid": sms.coup_provider_message_id,
                                "MessageStatus": "undelivered", "ErrorCode": "30003"})
        self.assertEqual((sms.state, sms.failure_type), ("error", "sms_not_delivered"))

    def test_generic_delivery(self):
        self.gw_at.active = False
        sms = self.send_sms(self.coop_ml, ML_MOBILES[0])
        path = "/coup_sms/%s/delivery" % self.gw_generic.id
        payload = {"id": sms.coup_provider_message_id, "status": "DELIVRD"}
        with self.assertLogs(LOGGER, "WARNING"):
            self.assertEqual(self.generic_post(path, payload, secret="bad").status_code, 403)
        self.assertEqual(sms.state, "pending")
        self.assertEqual(self.generic_post(path, payload).status_code, 200)
        self.assertEqual(sms.state, "sent")
        # by our reference, several reports at once
        other = self.send_sms(self.coop_ml, ML_MOBILES[1])
        self.generic_post(path, {"reports": [{"reference": other.uuid, "status": "rejected",
                                              "error": "rejected"}]})
        self.assertEqual((other.state, other.failure_type), ("error", "sms_rejected"))

    def test_a_batch_of_reports_costs_what_one_report_costs(self):
        """A gateway posting its reports in batches: one search for the batch and one update
        per status, whatever the number of reports (set-based, no query per report)."""
        self.gw_at.active = False
        Delivery = gateway_clients.Delivery
        Sms = self.env["sms.sms"].sudo()

        def apply(messages, status="delivered"):
            deliveries = [Delivery(provider_id=sms.coup_provider_message_id, status=status,
                                   raw_status="DELIVRD") for sms in messages]
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Sms._coup_apply_delivery_reports(self.gw_generic, deliveries)
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        one = apply([self.send_sms(self.coop_ml, ML_MOBILES[0])])
        batch = [self.send_sms(self.coop_ml, number) for number in ML_MOBILES[1:6]]
        self.assertEqual(apply(batch), one)
        self.assertEqual(set(Sms.browse([s.id for s in batch]).mapped("state")), {"sent"})

    def test_unknown_gateway(self):
        with self.assertLogs(LOGGER, "WARNING") as logs:
            response = self.post("/coup_sms/999999/delivery?token=x", {"id": "1"})
        self.assertEqual(response.status_code, 404)
        self.assertIn("no active gateway 999999", logs.output[0])

    def test_unknown_message_kept(self):
        path = "/coup_sms/%s/delivery?token=at-secret" % self.gw_at.id
        with self.assertLogs(LOGGER, "WARNING") as logs:
            response = self.post(path, {"id": "ATXid_000001", "status": "Success"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("unknown message ATXid_000001", logs.output[0])
        report = self.env["coup.sms.delivery.report"].search([("gateway_id", "=", self.gw_at.id)])
        self.assertEqual((report.state, report.status), ("unmatched", "delivered"))
        # the report came before our record of the message: applied when it is recorded
        sms = self.env["sms.sms"].sudo().create({"number": ML_MOBILES[0], "body": "Hi",
                                                 "coup_company_id": self.coop_ml.id})
        sms.send()
        self.assertEqual(sms.coup_provider_message_id, "ATXid_000001")
        self.assertEqual(sms.state, "sent")
        self.assertEqual(report.state, "applied")

    # -- inbound ----------------------------------------------------------------

    def inbound_at(self, sender, text, message_id="AT-in-1", process=True):
        """The gateway's call; then, unless ``process`` is False, the background job that
        processes what the webhook stored."""
        response = self.post("/coup_sms/%s/inbound?token=at-secret" % self.gw_at.id, {
            "from": sender, "to": "12345", "text": text, "id": message_id,
            "date": "2026-11-22 10:00:00", "linkId": "x"})
        if process:
            self.env["coup.sms.inbound"]._cron_process_received()
        return response

    def test_a_reply_is_answered_at_once_and_processed_by_the_job(self):
        """The webhook stores the reply and answers; the job it wakes processes it, once,
        whatever the gateway sends again meanwhile."""
        cron = self.env.ref("coup_sms.ir_cron_coup_sms_inbound")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        self.assertEqual(self.inbound_at(ML_MOBILES[0], "Merci", "AT-later",
                                         process=False).status_code, 200)
        inbound = self.last_inbound()
        self.assertEqual((inbound.state, inbound.partner_id.id), ("new", False),
                         "stored, not processed in the gateway's call")
        self.assertGreater(self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", cron.id)]), triggers, "the job is woken")
        self.inbound_at(ML_MOBILES[0], "Merci", "AT-later", process=False)
        self.assertEqual(self.env["coup.sms.inbound"]._cron_process_received(), inbound)
        self.assertEqual((inbound.state, inbound.partner_id), ("chatter", self.awa))
        self.assertFalse(self.env["coup.sms.inbound"]._cron_process_received(), "once")
        self.assertEqual(len(self.awa.message_ids.filtered(lambda m: "Merci" in m.body)), 1)

    def last_inbound(self):
        return self.env["coup.sms.inbound"].search([], limit=1)

    def test_stop_opts_out(self):
        for index, word in enumerate(["STOP", "Arrêt", "parar"]):
            self.awa.sms_consent = True
            self.env["phone.blacklist"].sudo()._remove([ML_MOBILES[0]])
            self.assertEqual(self.inbound_at(ML_MOBILES[0], word, "in-%s" % index).status_code,
                             200)
            inbound = self.last_inbound()
            self.assertEqual((inbound.state, inbound.partner_id), ("opt_out", self.awa), word)
            self.assertFalse(self.awa.sms_consent)
            self.assertTrue(self.env["phone.blacklist"].sudo().search(
                [("number", "=", ML_MOBILES[0])]))

    def test_reply_to_chatter(self):
        self.inbound_at("0022365012345", "Merci, je viendrai avec ma femme")
        inbound = self.last_inbound()
        self.assertEqual(inbound.from_number, ML_MOBILES[0])
        self.assertEqual((inbound.state, inbound.partner_id), ("chatter", self.awa))
        message = self.awa.message_ids[0]
        self.assertIn("je viendrai avec ma femme", message.body)
        self.assertEqual(message.author_id, self.awa)
        self.assertEqual(message.message_type, "sms")

    def test_reply_meeting_a_concurrent_transaction_is_processed_once(self):
        """The member answers on the portal as their SMS reply is processed: the job's
        transaction conflicts with the portal's. The reply is not kept as an error to process
        by hand, nor does it stop the others: it waits for the job's next run (woken 10 s
        later), on a fresh snapshot, and is processed once."""
        from odoo.addons.coup_sms.models.coup_sms_inbound import CoupSmsInbound
        original, calls = CoupSmsInbound._coup_process, []

        def conflict_once(records):
            calls.append(records.body)
            if records.body == "Merci, je viendrai" and calls.count(records.body) == 1:
                # PostgreSQL's own error, as the conflict raises it
                records.env.cr.execute("DO $$ BEGIN RAISE EXCEPTION 'concurrent update' "
                                       "USING ERRCODE = 'serialization_failure'; END $$")
            return original(records)
        self.inbound_at(ML_MOBILES[0], "Merci, je viendrai", "AT-conflict", process=False)
        self.inbound_at(ML_MOBILES[0], "Et mon voisin aussi", "AT-after", process=False)
        Inbound = self.env["coup.sms.inbound"]
        with patch.object(CoupSmsInbound, "_coup_process", conflict_once), \
                mute_logger("odoo.sql_db"):
            first = Inbound._cron_process_received()
            conflict = Inbound.search([("provider_message_id", "=", "AT-conflict")])
            self.assertEqual(first.mapped("provider_message_id"), ["AT-after"],
                             "the other reply is processed")
            self.assertEqual(conflict.state, "new", "kept for the next run, not an error")
            self.assertTrue(self.env["ir.cron.trigger"].search([
                ("cron_id", "=", self.env.ref("coup_sms.ir_cron_coup_sms_inbound").id),
                ("call_at", ">", fields.Datetime.now())]), "the next run is due")
            self.assertEqual(Inbound._cron_process_received(), conflict)
        self.assertEqual(calls, ["Merci, je viendrai", "Et mon voisin aussi",
                                 "Merci, je viendrai"])
        self.assertEqual((conflict.state, conflict.partner_id), ("chatter", self.awa))

    def test_reply_from_numbers_as_typed(self):
        """Replies are matched through E.164 numbers, however the member's were typed: the
        number SMS go to (``phone_sanitized``, read in the cooperative's country), or their
        other number."""
        moussa, __ = self.make_member("Moussa Keita", self.coop_ml, "65 01 23 48",
                                      country_id=False)
        moussa.phone = "70 12 34 58"
        self.assertEqual(moussa.phone_sanitized, ML_MOBILES[3])
        self.inbound_at(ML_MOBILES[3], "Bien reçu", "typed-1")
        self.assertEqual(self.last_inbound().partner_id, moussa)
        self.inbound_at("0022370123458", "Depuis mon autre téléphone", "typed-2")
        inbound = self.last_inbound()
        self.assertEqual((inbound.from_number, inbound.partner_id), (ML_MOBILES[7], moussa))
        # a contact with a similar number in another country is not taken for him
        self.env["res.partner"].create({"name": "Other", "country_id": self.env.ref("base.fr").id,
                                        "phone": "06 65 01 23 49"})
        with self.assertLogs("odoo.addons.coup_sms.models.coup_sms_inbound", "WARNING"):
            self.inbound_at(ML_MOBILES[4], "Qui ?", "typed-3")
        self.assertFalse(self.last_inbound().partner_id)
        # STOP blacklists the E.164 number, which Odoo's blacklist flags on the member
        self.inbound_at(ML_MOBILES[3], "STOP", "typed-4")
        self.assertEqual(self.last_inbound().state, "opt_out")
        self.assertTrue(moussa.phone_sanitized_blacklisted)
        self.assertEqual(moussa.mobile, "65 01 23 48")

    def test_same_message_twice(self):
        self.inbound_at(ML_MOBILES[0], "Bonjour", "dup-1")
        self.inbound_at(ML_MOBILES[0], "Bonjour", "dup-1")
        self.assertEqual(self.env["coup.sms.inbound"].search_count(
            [("provider_message_id", "=", "dup-1")]), 1)
        self.assertEqual(len(self.awa.message_ids.filtered(lambda m: "Bonjour" in m.body)), 1)

    def test_unknown_number(self):
        with self.assertLogs("odoo.addons.coup_sms.models.coup_sms_inbound", "WARNING") as logs:
            self.inbound_at("+22399999999", "Qui êtes-vous ?")
        self.assertIn("unknown number +22399999999", logs.output[0])
        inbound = self.last_inbound()
        self.assertEqual(inbound.state, "unknown")
        self.assertEqual(inbound.body, "Qui êtes-vous ?")
        # once the number is known, it can be processed again
        self.awa.mobile = "+22399999999"
        inbound.action_reprocess()
        self.assertEqual((inbound.state, inbound.partner_id), ("chatter", self.awa))

    def test_inbound_refused_unsigned(self):
        with self.assertLogs(LOGGER, "WARNING"):
            response = self.post("/coup_sms/%s/inbound" % self.gw_at.id,
                                 {"from": ML_MOBILES[0], "text": "STOP"})
        self.assertEqual(response.status_code, 403)
        self.assertTrue(self.awa.sms_consent)
        self.assertFalse(self.env["coup.sms.inbound"].search([]))

    def test_twilio_inbound(self):
        path = "/coup_sms/%s/inbound" % self.gw_twilio.id
        data = {"MessageSid": "SMin1", "From": CO_MOBILES[0], "To": "+15005550006",
                "Body": "Gracias", "AccountSid": "AC0123456789abcdef", "NumMedia": "0"}
        response = self.twilio_post(path, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("<Response>", response.text)
        self.env["coup.sms.inbound"]._cron_process_received()
        inbound = self.last_inbound()
        self.assertEqual((inbound.partner_id, inbound.company_id), (self.ana, self.coop_co))

    def test_generic_inbound(self):
        response = self.generic_post("/coup_sms/%s/inbound" % self.gw_generic.id, {
            "id": "g-in-1", "from": ML_MOBILES[0], "to": "3000", "text": "STOP"})
        self.assertEqual(response.status_code, 200)
        self.env["coup.sms.inbound"]._cron_process_received()
        self.assertEqual(self.last_inbound().state, "opt_out")

    def test_claim_hook(self):
        """Another module (e.g. the invitations bridge) takes "OUI 12" in hand."""
        Inbound = type(self.env["coup.sms.inbound"])
        seen = []

        def claim(self_):
            answer, reference = self_._coup_parse_answer()
            if answer:
                seen.append((answer, reference))
                self_.write({"claimed_by": "test_invitations", "result": "answered"})
                return True
            return False

        with patch.object(Inbound, "_coup_claim_reply", claim):
            self.inbound_at(ML_MOBILES[0], "OUI 12", "c-1")
            self.inbound_at(ML_MOBILES[0], "non 12", "c-2")
            self.inbound_at(ML_MOBILES[0], "On parle de quoi ?", "c-3")
        self.assertEqual(seen, [("yes", 12), ("no", 12)])
        states = self.env["coup.sms.inbound"].search([("provider_message_id", "like", "c-")],
                                                     order="id").mapped("state")
        self.assertEqual(states, ["claimed", "claimed", "chatter"])

    def test_parse_answer(self):
        inbound = self.env["coup.sms.inbound"].new({"body": ""})
        for text, expected in [("OUI 12", ("yes", 12)), ("non 12", ("no", 12)),
                               ("Sí 12", ("yes", 12)), ("YES #12", ("yes", 12)),
                               ("12 oui", ("yes", 12)), ("oui", ("yes", None)),
                               ("bonjour 12", (False, False)),
                               ("oui je viendrai demain avec mes enfants", (False, False))]:
            inbound.body = text
            self.assertEqual(inbound._coup_parse_answer(), expected, text)

    def test_broken_claimer_keeps_message(self):
        Inbound = type(self.env["coup.sms.inbound"])
        with patch.object(Inbound, "_coup_claim_reply", side_effect=ValueError("boom")), \
                self.assertLogs("odoo.addons.coup_sms.models.coup_sms_inbound", "ERROR"):
            self.inbound_at(ML_MOBILES[0], "OUI 3", "b-1")
        inbound = self.last_inbound()
        self.assertEqual((inbound.state, inbound.body), ("error", "OUI 3"))
        self.assertIn("boom", inbound.result)

    # -- short links ------------------------------------------------------------

    def test_short_link(self):
        attachment = self.env["ir.attachment"].create({
            "name": "statuts.pdf", "raw": b"%PDF-1.4 statuts", "res_model": "res.company",
            "res_id": self.coop_ml.id})
        campaign = self.env["coup.sms.campaign"].create({
            "name": "Statuts", "company_id": self.coop_ml.id,
            "segment_id": self.make_segment(self.coop_ml).id, "gateway_id": self.gw_at.id,
            "default_lang": "fr", "body_fr": "Statuts: {link}", "attachment_id": attachment.id})
        campaign.action_send_now()
        campaign._coup_send()
        message = campaign.recipient_ids
        token = message._coup_link_token()
        self.assertIn("/s/" + token, self.at_server.accepted[0]["message"])
        response = self.url_open("/s/" + token, allow_redirects=False)
        self.assertIn(response.status_code, (301, 302, 303))
        self.assertIn("/web/content/%s?access_token=" % attachment.id,
                      response.headers["Location"])
        self.assertEqual(self.url_open("/s/" + token).content, b"%PDF-1.4 statuts")
        self.assertTrue(message.link_opened_date)
        self.assertEqual(self.url_open("/s/" + token[:-2] + "zz").status_code, 404)
