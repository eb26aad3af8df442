import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.coup_capital.tests.common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestInstalmentSms(CoupCapitalCase):
    """Awa (French) pays her shares in instalments: the daily cron reminds her a week
    before each one falls due and once when one is late, never twice."""

    _coup_prefix = "CapSms"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"].search(
            [("name", "in", ("coup_capital_sms", "coup_capital"))])._update_translations(
            ["fr_FR"])
        cls.awa.partner_id.write({"phone": "+22365012345", "lang": "fr_FR",
                                  "sms_consent": True})
        cls.diego.partner_id.write({"phone": "+573001234567", "lang": "es_CO",
                                    "sms_consent": True})
        cls.moussa.partner_id.write({"phone": "+22365012346", "sms_consent": False})

    def sms_of(self, partner):
        return self.env["sms.sms"].sudo().search([("partner_id", "=", partner.id)], order="id")

    def schedule(self, member, share_class, *due_dates):
        subscription = self.subscribe(member, share_class, 1, instalments=len(due_dates))
        for instalment, due in zip(subscription.instalment_ids, due_dates):
            instalment.sudo().due_date = due
        return subscription.instalment_ids

    def test_reminder_before_and_once_late(self):
        today = fields.Date.context_today(self.env["coup.share.instalment"])
        soon, later, late = (today + datetime.timedelta(days=5),
                             today + datetime.timedelta(days=40),
                             today - datetime.timedelta(days=3))
        first, second, third = self.schedule(self.awa, self.class_ml, late, soon, later)
        cron = self.env["coup.share.instalment"]._cron_coup_sms_reminders
        cron()
        cron()  # the cron run twice sends nothing twice
        sms = self.sms_of(self.awa.partner_id)
        self.assertEqual(len(sms), 2, sms.mapped("body"))
        late_sms, soon_sms = sms.filtered(lambda s: "pas encore" in s.body), \
            sms.filtered(lambda s: "pas encore" not in s.body)
        self.assertTrue(late_sms and soon_sms, sms.mapped("body"))
        self.assertIn("Bonjour Awa", soon_sms.body)
        self.assertIn("3\u202f333", soon_sms.body.replace("\xa0", "\u202f").replace(" ", "\u202f"))
        self.assertEqual(soon_sms.coup_company_id, self.coop_ml)
        self.assertEqual(soon_sms.number, "+22365012345")
        self.assertTrue(first.sms_overdue_date and second.sms_reminder_date)
        self.assertFalse(third.sms_reminder_date or third.sms_overdue_date)
        # paid: no reminder when it falls due later
        third.action_pay()
        third.sudo().due_date = soon
        cron()
        self.assertEqual(len(self.sms_of(self.awa.partner_id)), 2)

    def test_in_the_members_language_and_consent(self):
        today = fields.Date.context_today(self.env["coup.share.instalment"])
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"].search([("name", "=", "coup_capital_sms")]) \
            ._update_translations(["es_CO"])
        self.schedule(self.diego, self.class_co, today + datetime.timedelta(days=2))
        self.schedule(self.moussa, self.class_ml, today + datetime.timedelta(days=2))
        self.env["coup.share.instalment"]._cron_coup_sms_reminders()
        self.assertIn("Hola Diego", self.sms_of(self.diego.partner_id).body)
        self.assertFalse(self.sms_of(self.moussa.partner_id), "no consent, no SMS")
        # a cooperative that does not want reminders gets none
        self.coop_co.coup_capital_sms_reminder = False
        self.schedule(self.diego, self.class_co, today + datetime.timedelta(days=1))
        self.env["coup.share.instalment"]._cron_coup_sms_reminders()
        self.assertEqual(len(self.sms_of(self.diego.partner_id)), 1)
