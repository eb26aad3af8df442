from odoo.tests import TransactionCase, tagged

from .common import ML_MOBILES, CoupSmsMixin


@tagged("post_install", "-at_install")
class TestCheckpointWitnesses(CoupSmsMixin, TransactionCase):
    """A witness without email gets the checkpoint of the records by SMS, through the
    cooperative's gateway; one with an email gets it by email only."""

    def test_a_witness_without_email_gets_the_checkpoint_by_sms(self):
        by_sms = self.env["res.partner"].create({"name": "Board member (village)",
                                                 "mobile": ML_MOBILES[0]})
        by_mail = self.env["res.partner"].create({"name": "Auditor", "email": "a@example.com",
                                                  "mobile": ML_MOBILES[1]})
        Checkpoint = self.env["coup.chain.checkpoint"]
        checkpoint = Checkpoint.create({
            "company_id": self.coop_ml.id, "date": "2026-12-03",
            "text": "Co-Up %s 2026-12-03: ACH 000004 0123456789abcdef; key 0123456789abcdef; "
                    "sig AAAA" % self.coop_ml.name})
        checkpoint._coup_send_to_witnesses(by_sms | by_mail)
        sms = self.env["sms.sms"].search([("partner_id", "in", (by_sms | by_mail).ids)])
        self.assertEqual(sms.partner_id, by_sms)
        self.assertEqual(sms.body, checkpoint.text)
        self.assertEqual(sms.coup_company_id, self.coop_ml)
        self.assertEqual(self.env["mail.mail"].search(
            [("email_to", "ilike", "a@example.com")]).mapped("body_html")[0].count("ACH 000004"),
            1)
