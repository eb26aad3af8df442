from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import CO_MOBILES, ML_LANDLINE, ML_MOBILES, CoupSmsCase


class WorkerKilled(Exception):
    """Stands for the worker dying; raised outside a savepoint, so nothing is rolled back
    (as if every commit before it had happened)."""


@tagged("post_install", "-at_install")
class TestCampaign(CoupSmsCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make = cls.make_member
        cls.awa, cls.m_awa = make("Awa Diarra", cls.coop_ml, ML_MOBILES[0], lang="fr_FR")
        # numbers as people type them: sent to, compared and blacklisted in E.164
        cls.issa, cls.m_issa = make("Issa Traoré", cls.coop_ml, "65 01 23 46", lang="fr_FR")
        cls.john, __ = make("John Smith", cls.coop_ml, ML_MOBILES[2], lang="en_US")
        cls.rosa, __ = make("Rosa Perez", cls.coop_ml, ML_MOBILES[3], lang="es_ES")
        cls.noconsent, __ = make("Karim Sanogo", cls.coop_ml, ML_MOBILES[4], consent=False)
        cls.landline, __ = make("Bakary Keita", cls.coop_ml, ML_LANDLINE)
        cls.nophone, __ = make("Oumou Sangare", cls.coop_ml, None)
        cls.optout, __ = make("Mariam Doumbia", cls.coop_ml, "70-12-34-56", country_id=False)
        cls.env["phone.blacklist"].sudo()._add([ML_MOBILES[5]])
        cls.spouse, __ = make("Fanta Diarra", cls.coop_ml, None)
        cls.spouse.mobile = "00223 65 01 23 45"  # shares Awa's phone
        cls.colombian, __ = make("Ana Gomez", cls.coop_co, CO_MOBILES[0], lang="es_ES")
        cls.segment = cls.make_segment(cls.coop_ml)
        cls.invalid, __ = make("Seydou Coulibaly", cls.coop_ml, None)
        cls.env.cr.execute(SQL("UPDATE res_partner SET mobile = '12345' WHERE id = %s",
                               cls.invalid.id))
        cls.invalid.invalidate_recordset(["mobile"])

    def make_campaign(self, **vals):
        return self.env["coup.sms.campaign"].with_company(self.coop_ml).create({
            "name": "AG 2026", "company_id": self.coop_ml.id, "segment_id": self.segment.id,
            "gateway_id": self.gw_at.id, "default_lang": "fr",
            "body_fr": "Bonjour {first_name}, AG le 12/12. N° {member_number}",
            "body_en": "Hello {first_name}, general assembly on 12/12.",
            "body_es": "Hola {first_name}, asamblea el 12/12.", **vals})

    def test_preview_counts_and_cost(self):
        campaign = self.make_campaign()
        self.assertIn("4 of 10 members will receive the SMS (4 SMS parts).", campaign.preview)
        self.assertIn("No SMS Consent: 1", campaign.preview)
        self.assertIn("Opted Out: 1", campaign.preview)
        self.assertIn("Not a Mobile Number: 1", campaign.preview)
        self.assertIn("No Number: 1", campaign.preview)
        self.assertIn("Invalid Number: 1", campaign.preview)
        self.assertIn("Number Already Reached: 1", campaign.preview)
        self.assertIn("Bonjour Awa, AG le 12/12. N° %s" % self.m_awa.member_number,
                      campaign.preview)
        self.assertIn("Hello John", campaign.preview)
        self.assertIn("Hola Rosa", campaign.preview)
        self.assertEqual(campaign.cost_estimate, 4 * 25.0)
        self.assertIn("AT Mali", campaign.preview)
        self.assertIn("Local operator", campaign.preview, "cost through each gateway")
        self.assertFalse(campaign.long_message)
        self.assertFalse(self.at_server.requests, "a preview sends nothing")

    def test_long_message_flag(self):
        campaign = self.make_campaign(body_fr="Réunion " * 25)
        self.assertTrue(campaign.long_message)
        self.assertEqual(campaign.segments_max, 2)
        self.assertIn("Longer than one SMS", campaign.preview)
        unicode = self.make_campaign(body_fr="Réunion ✅ " + "x" * 65)
        self.assertEqual(unicode.segments_max, 2, "UCS-2: 70 characters per SMS")
        self.assertIn("Unicode (UCS-2)", unicode.preview)

    def test_placeholders_checked(self):
        with self.assertRaisesRegex(ValidationError, r"unknown placeholder \{prenom\}"):
            self.make_campaign(body_fr="Bonjour {prenom}")
        with self.assertRaisesRegex(ValidationError, "French, its default language"):
            self.make_campaign(body_fr=False)
        with self.assertRaisesRegex(ValidationError, "choose the document or the link"):
            self.make_campaign(body_fr="Voir {link}")

    def test_send_campaign(self):
        campaign = self.make_campaign()
        campaign.action_send_now()
        self.assertEqual(campaign.state, "scheduled")
        self.env["coup.sms.campaign"]._cron_send_campaigns()
        self.assertEqual(campaign.state, "done")
        sent = {m["to"]: m["message"] for m in self.at_server.accepted}
        self.assertEqual(sent, {
            ML_MOBILES[0]: "Bonjour Awa, AG le 12/12. N° %s" % self.m_awa.member_number,
            ML_MOBILES[1]: "Bonjour Issa, AG le 12/12. N° %s" % self.m_issa.member_number,
            ML_MOBILES[2]: "Hello John, general assembly on 12/12.",
            ML_MOBILES[3]: "Hola Rosa, asamblea el 12/12.",
        })
        self.assertEqual(campaign.targeted_count, 10)
        self.assertEqual(campaign.sent_count, 4)
        self.assertEqual(campaign.skipped_consent_count, 1)
        self.assertEqual(campaign.skipped_optout_count, 1)
        self.assertEqual(campaign.invalid_count, 3)
        self.assertEqual(campaign.duplicate_count, 1)
        self.assertEqual(self.issa.mobile, "65 01 23 46", "what was typed stays")
        skipped = {m.partner_id: (m.skip_reason, m.number) for m in campaign.recipient_ids
                   if m.state == "skipped"}
        self.assertEqual(skipped[self.optout], ("opted_out", ML_MOBILES[5]))
        self.assertEqual(skipped[self.spouse], ("duplicate_number", ML_MOBILES[0]))
        message = campaign.recipient_ids.filtered(lambda m: m.partner_id == self.awa)
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.sms_id.state, "pending")
        self.assertEqual(message.sms_id.uuid, message.uuid)
        self.assertTrue(message.sent_date)

    def test_scheduled_later(self):
        campaign = self.make_campaign(scheduled_date="2099-01-01 08:00:00")
        campaign.action_schedule()
        self.env["coup.sms.campaign"]._cron_send_campaigns()
        self.assertEqual(campaign.state, "scheduled")
        self.assertFalse(self.at_server.requests)
        campaign.scheduled_date = "2020-01-01 08:00:00"
        self.env["coup.sms.campaign"]._cron_send_campaigns()
        self.assertEqual(campaign.state, "done")
        self.assertEqual(len(self.at_server.accepted), 4)

    def test_cancel_while_sending(self):
        campaign = self.make_campaign()
        campaign.action_send_now()
        Campaign = type(campaign)
        original = Campaign._coup_send_batch

        def cancel_after_first(self_, messages, gateway):
            original(self_, messages, gateway)
            self_.action_cancel()

        with patch.object(Campaign, "_coup_send_batch", cancel_after_first):
            campaign._coup_send(batch_size=2)
        self.assertEqual(campaign.state, "canceled")
        self.assertEqual(len(self.at_server.accepted), 2)
        self.assertEqual(campaign.to_send_count, 2, "left unsent")
        self.env["coup.sms.campaign"]._cron_send_campaigns()
        self.assertEqual(len(self.at_server.accepted), 2, "a cancelled campaign is not resumed")

    def test_no_gateway(self):
        campaign = self.make_campaign(gateway_id=False)
        self.gw_at.active = self.gw_generic.active = False
        with self.assertRaisesRegex(UserError, "SMS Coop Mali has no SMS gateway"):
            campaign.action_send_now()

    def test_retries_later_with_backoff(self):
        """A 500 does not hold up the others: retried after a pause, each member once."""
        self.at_server.script("500", "ok", "500", "ok", "500")
        campaign = self.make_campaign()
        campaign.action_send_now()
        campaign._coup_send(batch_size=2)
        self.assertEqual(campaign.state, "done")
        self.assertEqual(sorted(self.at_server.count_by_number().values()), [1, 1, 1, 1])
        self.assertEqual(campaign.sent_count, 4)
        self.assertTrue(self.sleeps, "waited for the retries")
        retried = campaign.recipient_ids.filtered(lambda m: m.attempts > 1)
        self.assertEqual(len(retried), 2)

    def test_failures_after_all_attempts(self):
        self.gw_at.retry_attempts = 2
        self.at_server.fail_rate = 1.0
        campaign = self.make_campaign()
        campaign.action_send_now()
        campaign._coup_send()
        self.assertEqual(campaign.state, "done")
        self.assertEqual(campaign.failed_count, 4)
        self.assertEqual(len(self.at_server.requests), 8)
        self.assertEqual(set(campaign.recipient_ids.filtered(
            lambda m: m.state == "failed").mapped("failure_type")), {"sms_server"})
        # the user may try again
        self.at_server.fail_rate = 0.0
        campaign.action_retry_failed()
        campaign._coup_send()
        self.assertEqual(campaign.sent_count, 4)
        self.assertEqual(len(self.at_server.accepted), 4)

    def test_resume_after_crash_between_batches(self):
        campaign = self.make_campaign()
        campaign.action_send_now()
        Campaign = type(campaign)
        original = Campaign._coup_send_batch
        calls = []

        def crash_on_second(self_, messages, gateway):
            calls.append(len(messages))
            if len(calls) == 2:
                raise WorkerKilled()
            return original(self_, messages, gateway)

        with patch.object(Campaign, "_coup_send_batch", crash_on_second):
            try:
                campaign._coup_send(batch_size=2)
            except WorkerKilled:
                pass
            else:
                self.fail("the worker should have died")
        self.assertEqual(len(self.at_server.accepted), 2)
        self.assertEqual(campaign.state, "sending")
        # the cron resumes
        self.env["coup.sms.campaign"]._cron_send_campaigns()
        self.assertEqual(campaign.state, "done")
        self.assertEqual(sorted(self.at_server.count_by_number().values()), [1, 1, 1, 1])
        self.assertEqual(campaign.sent_count, 4)

    def test_crash_while_with_the_gateway(self):
        """The worker dies after the gateway took the messages, before recording it: those
        messages are marked interrupted, never sent again; a delivery report confirms them."""
        campaign = self.make_campaign()
        campaign.action_send_now()
        Sms = type(self.env["sms.sms"])
        original = Sms._coup_write_results
        state = {"crashed": False}

        def crash_once(self_, results):
            if not state["crashed"]:
                state["crashed"] = True
                raise WorkerKilled()
            return original(self_, results)

        with patch.object(Sms, "_coup_write_results", crash_once):
            try:
                campaign._coup_send(batch_size=2)
            except WorkerKilled:
                pass
            else:
                self.fail("the worker should have died")
        # what the database would hold after the crash: the claim was committed, not the rest
        first_two = campaign.recipient_ids.filtered(lambda m: m.state != "skipped")[:2]
        first_two.write({"state": "sending"})
        first_two.sms_id.write({"state": "process"})
        self.assertEqual(len(self.at_server.accepted), 2)
        with self.assertLogs("odoo.addons.coup_sms.models.coup_sms_campaign", "WARNING") as logs:
            campaign._coup_send(batch_size=2)
        self.assertIn("marked interrupted, not sent again", logs.output[0])
        self.assertEqual(campaign.state, "done")
        self.assertEqual(sorted(self.at_server.count_by_number().values()), [1, 1, 1, 1])
        self.assertEqual(campaign.interrupted_count, 2)
        self.assertEqual(campaign.sent_count, 2)
        # the gateway's delivery report of an interrupted message still lands
        first_two[0].sms_id._coup_apply_delivery("delivered")
        self.assertEqual(first_two[0].state, "delivered")

    def test_prepare_twice_keeps_rows(self):
        campaign = self.make_campaign()
        self.assertEqual(campaign._coup_prepare(), 10)
        self.assertEqual(campaign._coup_prepare(), 0, "unique per member and campaign")
        self.assertEqual(len(campaign.recipient_ids), 10)

    def test_document_link(self):
        attachment = self.env["ir.attachment"].create({
            "name": "statuts.pdf", "datas": "JVBERi0=", "res_model": "res.company",
            "res_id": self.coop_ml.id})
        campaign = self.make_campaign(attachment_id=attachment.id,
                                      body_fr="Les statuts: {link}")
        campaign.action_send_now()
        campaign._coup_send()
        message = campaign.recipient_ids.filtered(lambda m: m.partner_id == self.awa)
        link = message._coup_link_url()
        self.assertIn(link, message.body)
        self.assertLess(len(link.split("/s/")[1]), 20, "short")
        Message = self.env["coup.sms.campaign.message"]
        token = message._coup_link_token()
        self.assertEqual(Message._coup_from_link_token(token), message)
        self.assertFalse(Message._coup_from_link_token(token[:-1] + "x"), "signed")
        self.assertIn("access_token=", message._coup_link_target())

    def test_user_sees_own_cooperative(self):
        campaign = self.make_campaign()
        campaign.action_send_now()
        campaign._coup_send()
        co_campaign = self.env["coup.sms.campaign"].create({
            "name": "Colombia", "company_id": self.coop_co.id,
            "segment_id": self.make_segment(self.coop_co).id, "default_lang": "es",
            "body_es": "Hola {first_name}"})
        as_co = self.env["coup.sms.campaign"].with_user(self.user_co)
        self.assertEqual(as_co.search([]), co_campaign)
        with self.assertRaises(AccessError):
            campaign.with_user(self.user_co).read(["name"])
        self.assertFalse(self.env["coup.sms.campaign.message"].with_user(self.user_co).search([]))
        self.assertEqual(self.env["coup.sms.gateway"].with_user(self.user_co).search([]),
                         self.gw_twilio)
        with self.assertRaises(AccessError):
            self.gw_twilio.with_user(self.user_co).read(["auth_token"])
        self.assertEqual(self.env["sms.sms"].with_user(self.user_co).search_count(
            [("coup_company_id", "=", self.coop_ml.id)]), 0)
        self.assertEqual(self.env["sms.sms"].with_user(self.user_ml).search_count(
            [("coup_company_id", "=", self.coop_ml.id)]), 4)
        co_campaign.action_send_now()
        co_campaign._coup_send()
        self.assertEqual([m["to"] for m in self.twilio_server.accepted], [CO_MOBILES[0]])
