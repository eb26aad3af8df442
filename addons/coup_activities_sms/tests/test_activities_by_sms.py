import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.coup_sms.tests.common import ML_MOBILES, CoupSmsCase
from odoo.addons.coup_sms.tools.gateway_clients import Inbound


@tagged("post_install", "-at_install")
class TestActivitiesBySms(CoupSmsCase):

    _coup_prefix = "ActSms"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa, cls.awa_m = cls.make_member("Awa Diallo", cls.coop_ml, ML_MOBILES[0],
                                             lang="fr_FR")
        cls.issa, cls.issa_m = cls.make_member("Issa Traoré", cls.coop_ml, ML_MOBILES[1])
        cls.env["ir.module.module"].search([("name", "=", "coup_activities_sms")]) \
            ._update_translations(["fr_FR"])
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=10)
        cls.assembly = cls.env["event.event"].create({
            "name": "AG Kléla", "company_id": cls.coop_ml.id, "coup_kind": "general_assembly",
            "coup_place": "Kléla", "date_begin": begin,
            "date_end": begin + datetime.timedelta(hours=3)})
        cls.env["coup.activity.invite"].create({
            "event_id": cls.assembly.id,
            "membership_ids": [(6, 0, (cls.awa_m | cls.issa_m).ids)]}).action_invite()
        cls.code = cls.assembly.coup_reply_code

    def receive(self, sender, text, ref):
        return self.env["coup.sms.inbound"]._coup_receive(
            self.gw_at, Inbound(provider_id=ref, sender=sender, text=text))

    def invitation(self, membership):
        return self.assembly.coup_invitation_ids.filtered(
            lambda i: i.coup_membership_id == membership)

    def replies(self, partner):
        return self.env["sms.sms"].sudo().search([("partner_id", "=", partner.id)],
                                                 order="id").mapped("body")

    def test_activities_planned_before_the_bridge_get_a_code(self):
        from odoo.addons.coup_activities_sms import post_init_hook
        self.assembly.coup_reply_code = False
        post_init_hook(self.env)
        self.assertRegex(self.assembly.coup_reply_code, r"^\d{4}$")
        if self.env["ir.module.module"].search([("name", "=", "coup_activities")]).demo:
            demo = self.env.ref("coup_activities.event_klela_general_assembly")
            self.assertTrue(demo.coup_reply_code, "the demo's activities too")
            self.assertEqual(demo.coup_invitation_ids.filtered(
                lambda i: i.coup_answer_channel == "sms").coup_state, "accepted", "answered by SMS")

    def test_each_activity_has_its_own_reply_code(self):
        self.assertRegex(self.code, r"^\d{4}$")
        other = self.assembly.copy({"name": "Comité"})
        self.assertTrue(other.coup_reply_code)
        self.assertNotEqual(other.coup_reply_code, self.code)

    def test_invitations_go_out_as_a_campaign_with_the_code(self):
        self.invitation(self.issa_m)._coup_answer(False, "staff")
        action = self.assembly.action_coup_sms_invite()
        campaign = self.env["coup.sms.campaign"].browse(action["res_id"])
        self.assertEqual(campaign.coup_event_id, self.assembly)
        rows = campaign._coup_plan()
        self.assertEqual([r["partner_id"] for r in rows], [self.awa.id],
                         "only the invitees who have not answered yet")
        self.assertIn("OUI %s" % self.code, rows[0]["body"])
        self.assertIn("Awa", rows[0]["body"])
        self.assertIn("AG Kléla", rows[0]["body"])

    def test_a_reply_with_the_code_answers_the_invitation(self):
        self.receive(ML_MOBILES[0], "Oui %s" % self.code, "r1")
        invitation = self.invitation(self.awa_m)
        self.assertEqual((invitation.coup_state, invitation.coup_answer_channel),
                         ("accepted", "sms"))
        self.assertEqual(self.replies(self.awa), ["Merci, nous vous attendons à AG Kléla."])
        self.receive(ML_MOBILES[1], "NO %s" % self.code, "r2")
        self.assertEqual(self.invitation(self.issa_m).coup_state, "declined")
        self.assertIn("you will not come to AG Kléla", self.replies(self.issa)[0])
        self.assertEqual(self.assembly.coup_sms_answer_count, 2)
        # the same message delivered twice by the gateway is applied once
        self.receive(ML_MOBILES[0], "Oui %s" % self.code, "r1")
        self.assertEqual(len(self.replies(self.awa)), 1)

    def test_replies_through_the_webhook_are_answered_by_the_job(self):
        """As the webhook receives them: stored, then processed by the job as the cron runs
        it (superuser, no cooperative in its context), each member answered in their
        language, and Odoo's scheduler woken for the confirmation mail."""
        Received = self.env["coup.sms.inbound"]
        for sender, text, ref in [(ML_MOBILES[0], "Oui %s" % self.code, "w1"),
                                  (ML_MOBILES[1], "NO %s" % self.code, "w2")]:
            Received._coup_receive(self.gw_at, Inbound(provider_id=ref, sender=sender,
                                                       text=text), later=True)
        self.assertEqual(self.invitation(self.awa_m).coup_state, "invited", "not yet")
        cron = self.env.ref("coup_sms.ir_cron_coup_sms_inbound")
        job = Received.with_user(cron.user_id).with_context(lang="en_US")
        self.assertEqual(len(job._cron_process_received()), 2)
        self.assertEqual(self.invitation(self.awa_m).coup_state, "accepted")
        self.assertEqual(self.invitation(self.issa_m).coup_state, "declined")
        self.assertEqual(self.replies(self.awa), ["Merci, nous vous attendons à AG Kléla."])
        self.assertIn("you will not come to AG Kléla", self.replies(self.issa)[0])

    def test_the_answers_sms_leave_within_the_minute(self):
        """The job's SMS back wake Odoo's SMS queue once for the batch, and the queue sends
        them through the cooperative's gateway (not at its hourly run)."""
        Received = self.env["coup.sms.inbound"]
        for sender, text, ref in [(ML_MOBILES[0], "Oui %s" % self.code, "q1"),
                                  (ML_MOBILES[1], "NO %s" % self.code, "q2")]:
            Received._coup_receive(self.gw_at, Inbound(provider_id=ref, sender=sender,
                                                       text=text), later=True)
        queue = self.env.ref("sms.ir_cron_sms_scheduler_action")
        Trigger = self.env["ir.cron.trigger"].sudo()
        before = Trigger.search_count([("cron_id", "=", queue.id)])
        self.assertEqual(len(Received._cron_process_received()), 2)
        self.assertEqual(Trigger.search_count([("cron_id", "=", queue.id)]), before + 1,
                         "once for the batch, not once a reply")
        self.env["sms.sms"].sudo()._process_queue()
        sent = self.env["sms.sms"].sudo().search([
            ("partner_id", "in", (self.awa | self.issa).ids)])
        self.assertEqual(sent.mapped("state"), ["pending"] * 2)
        self.assertEqual(sorted(m["to"] for m in self.at_server.accepted), sorted(
            [ML_MOBILES[0], ML_MOBILES[1]]))

    def test_one_open_invitation_needs_no_code(self):
        self.receive(ML_MOBILES[1], "si", "r3")
        self.assertEqual(self.invitation(self.issa_m).coup_state, "accepted")

    def test_unknown_code_gets_a_helpful_reply(self):
        wrong = "1000" if self.code != "1000" else "1001"
        inbound = self.receive(ML_MOBILES[0], "OUI %s" % wrong, "r4")
        self.assertEqual(inbound.state, "claimed")
        self.assertEqual(self.invitation(self.awa_m).coup_state, "invited")
        self.assertIn("Le code %s ne correspond à aucune de vos invitations" % wrong,
                      self.replies(self.awa)[0])

    def test_late_answers_are_refused_with_the_reason(self):
        self.assembly.coup_answer_deadline = self.assembly.date_begin - datetime.timedelta(days=1)
        with freeze_time(self.assembly.date_begin - datetime.timedelta(hours=2)):
            self.receive(ML_MOBILES[1], "YES %s" % self.code, "r5")
        self.assertEqual(self.invitation(self.issa_m).coup_state, "invited")
        self.assertIn("Answers to AG Kléla closed on", self.replies(self.issa)[0])

    def test_stop_is_honoured_and_answers_nothing(self):
        inbound = self.receive(ML_MOBILES[0], "STOP", "r6")
        self.assertEqual(inbound.state, "opt_out")
        self.assertEqual(self.invitation(self.awa_m).coup_state, "invited")
        self.assertFalse(self.awa.sms_consent)

    def test_reminder_the_day_before_by_odoos_event_scheduler(self):
        """The reminder is a scheduler of Odoo's event app (event_sms), sent once through the
        cooperative's gateway to the members who accepted, in their language."""
        scheduler = self.assembly.event_mail_ids.filtered(
            lambda m: m.notification_type == "sms" and m.template_ref == self.env.ref(
                "coup_activities_sms.sms_template_coup_activity_reminder"))
        self.assertEqual((scheduler.interval_nbr, scheduler.interval_unit,
                          scheduler.interval_type), (1, "days", "before_event"))
        self.invitation(self.awa_m)._coup_answer(True, "staff")
        self.invitation(self.issa_m)._coup_answer(False, "staff")
        Scheduler = self.env["event.mail"]
        Scheduler.schedule_communications()
        self.assertFalse(self.replies(self.awa), "ten days ahead: not yet")
        with freeze_time(self.assembly.date_begin - datetime.timedelta(hours=20)):
            Scheduler.schedule_communications()
            Scheduler.schedule_communications()
        self.assertEqual(len(self.replies(self.awa)), 1, "once")
        self.assertTrue(self.replies(self.awa)[0].startswith("Rappel : AG Kléla"),
                        self.replies(self.awa)[0])
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.awa.id)])
        self.assertEqual(sms.coup_company_id, self.coop_ml, "the cooperative's gateway")
        self.assertFalse(self.replies(self.issa), "declined: no reminder")

    def test_no_reminder_to_a_member_who_said_stop(self):
        self.invitation(self.awa_m)._coup_answer(True, "staff")
        self.awa.sms_consent = False
        with freeze_time(self.assembly.date_begin - datetime.timedelta(hours=20)):
            self.env["event.mail"].schedule_communications()
        self.assertFalse(self.replies(self.awa))

    def test_no_campaign_without_members_waiting_to_answer(self):
        self.assembly.coup_invitation_ids._coup_answer(True, "staff")
        with self.assertRaisesRegex(UserError, "Nobody invited to AG Kléla is waiting"):
            self.assembly.action_coup_sms_invite()
