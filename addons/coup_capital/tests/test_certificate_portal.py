import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestCertificate(CoupCapitalCase):

    def test_certificate_and_public_page_data(self):
        self.subscribe(self.awa, self.class_ml, 3).instalment_ids.action_pay()
        certificate = self.env["coup.share.certificate"].with_user(self.user_ml)._coup_issue(
            self.awa)
        self.assertEqual(certificate.state, "confirmed")
        self.assertEqual(certificate.shares, 3)
        self.assertEqual(certificate.amount_paid, 30000)
        self.assertIn("1-3", certificate.holding)
        self.assertTrue(certificate._coup_verify_record())
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_capital.report_share_certificate", certificate.ids)[0].decode()
        self.assertIn("Awa Coulibaly", html)
        self.assertIn("/report/barcode/?barcode_type=QR", html)
        self.assertIn(certificate.sudo().coup_verify_token, html)
        self.assertEqual(certificate, self.env["coup.share.certificate"]._coup_find_by_token(
            certificate.sudo().coup_verify_token))

    def test_booklet_and_dashboard(self):
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()
        rows = self.env["coup.member.booklet"].search([("partner_id", "=", self.awa.partner_id.id)])
        self.assertIn("share_subscribed", rows.mapped("kind"))
        self.assertIn("share_paid", rows.mapped("kind"))
        figures = {f["key"]: f for f in self.env["coup.dashboard"]._coup_dashboard_figures(
            self.coop_ml)}
        self.assertEqual(figures["capital_subscribed"]["values"][self.coop_ml.id], 20000)
        self.assertEqual(figures["capital_paid"]["values"][self.coop_ml.id], 20000)

    def test_integrity_check_names_share_register(self):
        self.subscribe(self.awa, self.class_ml, 2)
        self.assertIn("coup.share.movement", self.coop_ml._coup_integrity_models())


@tagged("post_install", "-at_install")
class TestCapitalPortal(CoupCapitalCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa_user = new_test_user(cls.env, "cap_awa", groups="base.group_portal",
                                     partner_id=cls.awa.partner_id.id, password="cap_awa_pw1")
        cls.moussa_user = new_test_user(cls.env, "cap_moussa", groups="base.group_portal",
                                        partner_id=cls.moussa.partner_id.id,
                                        password="cap_moussa_pw1")

    def test_member_reads_own_not_others_certificate(self):
        self.subscribe(self.awa, self.class_ml, 2, instalments=2).instalment_ids[0].action_pay()
        self.subscribe(self.moussa, self.class_ml, 1).instalment_ids.action_pay()
        Certificate = self.env["coup.share.certificate"]
        awa_cert = Certificate._coup_issue(self.awa)
        moussa_cert = Certificate._coup_issue(self.moussa)
        self.authenticate("cap_awa", "cap_awa_pw1")
        page = self.url_open("/my/capital")
        self.assertEqual(page.status_code, 200)
        self.assertIn(awa_cert.name, page.text)
        self.assertNotIn(moussa_cert.name, page.text)
        self.assertIn("o_coup_capital_instalments", page.text)
        own = self.url_open("/my/capital/certificate/%s" % awa_cert.id)
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.headers["Content-Type"], "application/pdf")
        # guessed ids: Moussa's certificate and ids that do not exist
        for guessed in (moussa_cert.id, moussa_cert.id + 1000, 0):
            self.assertEqual(self.url_open("/my/capital/certificate/%s" % guessed).status_code,
                             404)
        # and over RPC, the record rules
        self.assertFalse(Certificate.with_user(self.awa_user).search(
            [("id", "=", moussa_cert.id)]))
        self.assertFalse(self.env["coup.share.movement"].with_user(self.awa_user).search(
            [("partner_id", "=", self.moussa.partner_id.id)]))

    def test_public_verification_page(self):
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()
        certificate = self.env["coup.share.certificate"]._coup_issue(self.awa)
        page = self.url_open("/coup/verify/certificate/%s" % certificate.sudo().coup_verify_token)
        self.assertIn("This certificate is intact", page.text)
        self.assertIn(certificate.name, page.text)
        self.assertNotIn("Awa", page.text)
        wrong = self.url_open("/coup/verify/certificate/%s" % ("x" * 32))
        self.assertIn("No certificate matches", wrong.text)

    def test_portal_request_within_maximum(self):
        self.subscribe(self.awa, self.class_ml, 9)
        self.authenticate("cap_awa", "cap_awa_pw1")
        page = self.url_open("/my/capital/request", data={
            "share_class_id": self.class_ml.id, "quantity": 3, "csrf_token": self._csrf()})
        self.assertIn("10 at most", page.text)
        self.url_open("/my/capital/request", data={
            "share_class_id": self.class_ml.id, "quantity": 1,
            "csrf_token": self._csrf()})
        request = self.env["coup.share.subscription"].search(
            [("membership_id", "=", self.awa.id), ("state", "=", "requested")])
        self.assertEqual(request.quantity, 1)
        self.assertEqual(request.origin, "portal")
        request.with_user(self.manager_ml).action_confirm()
        self.assertEqual(request.state, "confirmed")
        # a class of another cooperative: not found
        other = self.url_open("/my/capital/request", data={
            "share_class_id": self.class_co.id, "quantity": 1, "csrf_token": self._csrf()})
        self.assertEqual(other.status_code, 404)

    def _csrf(self):
        page = self.url_open("/my/capital")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def test_portal_tour_phone(self):
        """The member, on a phone (390x844), sees their shares, instalments and certificate,
        and asks for one more share."""
        self.subscribe(self.awa, self.class_ml, 2, instalments=2).instalment_ids[0].action_pay()
        self.env["coup.share.certificate"]._coup_issue(self.awa)
        self.browser_size = "390x844"
        self.start_tour("/my/capital", "coup_capital_portal_tour", login="cap_awa")
        self.assertTrue(self.env["coup.share.subscription"].search(
            [("membership_id", "=", self.awa.id), ("state", "=", "requested")]))
