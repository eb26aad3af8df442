from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.coup_sms.tests.common import ML_LANDLINE, ML_MOBILES, CoupSmsCase


@tagged("post_install", "-at_install")
class TestMailingSmsTest(CoupSmsCase):

    def test_mailing_test_sms_goes_through_the_gateway(self):
        mailing = self.env["mailing.mailing"].with_company(self.coop_ml).create({
            "subject": "Assemblée générale", "mailing_type": "sms",
            "body_plaintext": "AG le 12 mars à Kléla",
            "mailing_model_id": self.env.ref("base.model_res_partner").id})
        wizard = self.env["mailing.sms.test"].with_company(self.coop_ml).create({
            "mailing_id": mailing.id, "numbers": "%s\n%s" % (ML_MOBILES[0], ML_LANDLINE)})
        wizard.action_send_sms()
        calls = self.at_server.requests
        self.assertEqual(len(calls), 1, "one SMS to the mobile, none to the landline")
        self.assertIn("AG le 12 mars", str(calls[0]))
        log = mailing.message_ids[0].body
        self.assertIn("Test SMS sent to %s through AT Mali" % ML_MOBILES[0], log)
        self.assertIn("Test SMS could not be sent to %s" % ML_LANDLINE, log)

    def test_without_gateway_odoo_service_is_used(self):
        company = self.env["res.company"].create({"name": "No gateway coop"})
        mailing = self.env["mailing.mailing"].with_company(company).create({
            "subject": "x", "mailing_type": "sms", "body_plaintext": "x",
            "mailing_model_id": self.env.ref("base.model_res_partner").id})
        wizard = self.env["mailing.sms.test"].with_company(company).create({
            "mailing_id": mailing.id, "numbers": ML_MOBILES[0]})
        calls = []
        with patch("odoo.addons.mass_mailing_sms.wizard.mailing_sms_test.SmsApi._send_sms_batch",
                   side_effect=lambda *a, **k: calls.append(a) or []):
            wizard.action_send_sms()
        self.assertEqual(len(calls), 1)
        self.assertFalse(self.at_server.requests)
