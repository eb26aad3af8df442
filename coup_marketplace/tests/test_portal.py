from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged

from .common import MarketCase


@tagged("post_install", "-at_install")
class TestMarketPortal(MarketCase, HttpCase):
    _coup_prefix = "Market Portal"

    def test_the_member_sees_their_deliveries_paid_or_not_and_the_receipt(self):
        mine = self.delivery()
        other = self.delivery(self.siaka)
        new_test_user(self.env, "market_portal_awa2", password="market_portal_awa2",
                      groups="base.group_portal", partner_id=self.awa.partner_id.id)
        self.start_tour("/my/deliveries", "coup_marketplace_portal_tour",
                        login="market_portal_awa2")
        self.authenticate("market_portal_awa2", "market_portal_awa2")
        self.assertEqual(self.url_open("/my/deliveries/%s" % other.id).status_code, 404)
        pdf = self.url_open("/my/deliveries/%s?report_type=pdf" % mine.id)
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
        # without a PDF engine: the receipt's printable page with a note, under the cooperative
        with patch.object(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state",
                          lambda report: "install"):
            page = self.url_open("/my/deliveries/%s?report_type=pdf" % mine.id)
        self.assertEqual(page.status_code, 200)
        self.assertTrue(page.headers["Content-Type"].startswith("text/html"))
        self.assertIn("o_coup_no_pdf", page.text)
        self.assertIn(mine.name, page.text)
        self.assertIn(self.coop_ml.name, page.text)
