from odoo.tests import tagged

from odoo.addons.coup_sms.tools.gateway_clients import Inbound

from .common import CO_MOBILES, ML_MOBILES, CoupSmsCase


@tagged("post_install", "-at_install")
class TestRegistryHooks(CoupSmsCase):
    """SMS rows in the member booklet and SMS figures on the dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa, __ = cls.make_member("Awa Diarra", cls.coop_ml, ML_MOBILES[0], lang="fr_FR")
        cls.issa, __ = cls.make_member("Issa Traore", cls.coop_ml, ML_MOBILES[1], lang="fr_FR")
        cls.ana, __ = cls.make_member("Ana Gomez", cls.coop_co, CO_MOBILES[0], lang="es_ES")

    def send_campaign(self):
        campaign = self.env["coup.sms.campaign"].create({
            "name": "Vaccination", "company_id": self.coop_ml.id,
            "segment_id": self.make_segment(self.coop_ml).id, "gateway_id": self.gw_at.id,
            "default_lang": "fr", "body_fr": "Vaccination des boeufs lundi"})
        campaign.action_send_now()
        campaign._coup_send()
        return campaign

    def test_booklet_rows(self):
        campaign = self.send_campaign()
        self.env["coup.sms.inbound"]._coup_receive(
            self.gw_at, Inbound(provider_id="r1", sender=ML_MOBILES[0], text="Merci"))
        self.env.flush_all()
        rows = self.env["coup.member.booklet"].search([("partner_id", "=", self.awa.id)])
        received = rows.filtered(lambda r: r.kind == "sms_received")
        self.assertEqual(received.name, "Vaccination")
        self.assertEqual(received.company_id, self.coop_ml)
        self.assertEqual(received.res_model, "coup.sms.campaign.message")
        self.assertEqual(received.res_id, campaign.recipient_ids.filtered(
            lambda m: m.partner_id == self.awa).id)
        reply = rows.filtered(lambda r: r.kind == "sms_reply")
        self.assertEqual(reply.name, "Merci")
        self.assertEqual(reply.res_model, "coup.sms.inbound")
        inbound = self.env["coup.sms.inbound"].search([("provider_message_id", "=", "r1")])
        self.assertEqual(inbound.campaign_id, campaign, "reply linked to the last campaign")
        self.assertFalse(self.env["coup.member.booklet"].search(
            [("partner_id", "=", self.ana.id), ("kind", "in", ("sms_received", "sms_reply"))]))

    def test_dashboard_figures(self):
        self.send_campaign()
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.awa.id)])
        sms._coup_apply_delivery("delivered")
        failed = self.env["sms.sms"].sudo().create({
            "number": CO_MOBILES[1], "body": "x", "coup_company_id": self.coop_co.id})
        self.twilio_server.script("reject")
        failed.send()
        self.env["coup.sms.inbound"]._coup_receive(
            self.gw_at, Inbound(provider_id="r2", sender=ML_MOBILES[1], text="OK merci"))
        self.env["coup.sms.inbound"]._coup_receive(
            self.gw_at, Inbound(provider_id="r3", sender="+22399999999", text="??"))
        companies = self.coop_ml | self.coop_co
        data = self.env["coup.dashboard"].get_dashboard_data(companies.ids)
        figures = {figure["key"]: figure for figure in data["figures"]}
        self.assertEqual(figures["sms_sent"]["values"], {self.coop_ml.id: 2, self.coop_co.id: 0})
        self.assertEqual(figures["sms_delivered"]["values"][self.coop_ml.id], 1)
        self.assertEqual(figures["sms_failed"]["values"], {self.coop_ml.id: 0,
                                                           self.coop_co.id: 1})
        self.assertEqual(figures["sms_replies"]["values"][self.coop_ml.id], 1,
                         "unknown numbers are not replies of members")
        # each figure's domain finds exactly what it counts
        for key in ("sms_sent", "sms_delivered", "sms_failed", "sms_replies"):
            figure = figures[key]
            domain = figure["domain"] + [(figure["company_field"], "in", [self.coop_ml.id])]
            self.assertEqual(self.env[figure["res_model"]].search_count(domain),
                             figure["values"][self.coop_ml.id], key)
        # a cooperative's user sees the figures of their cooperative only
        as_user = self.env["coup.dashboard"].with_user(self.user_co).with_company(self.coop_co)
        data = as_user.get_dashboard_data()
        figures = {figure["key"]: figure for figure in data["figures"]}
        self.assertEqual(figures["sms_failed"]["values"], {self.coop_co.id: 1})
