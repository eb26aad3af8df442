import re
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_amount

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
        # the statement is linked from the deliveries and opens under the cooperative
        deliveries = self.url_open("/my/deliveries").text
        self.assertIn("/my/statement/%s" % self.awa.id, deliveries)
        with patch.object(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state",
                          lambda report: "install"):
            statement = self.url_open("/my/statement/%s" % self.awa.id)
        self.assertEqual(statement.status_code, 200)
        self.assertIn(mine.name, statement.text)
        self.assertIn("o_coup_no_pdf", statement.text)
        # another member's statement is not found
        self.assertEqual(self.url_open("/my/statement/%s" % self.siaka.id).status_code, 404)

    def test_the_deliveries_read_in_the_members_language(self):
        """A member reading in French: each row's date, weight, amount and payment badge in
        French, as Odoo's widgets and the module's translations give them."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["coup_member_registry", "coup_marketplace"], ["fr_FR"], overwrite=True)
        mine = self.delivery()
        new_test_user(self.env, "market_portal_awa_fr", password="market_portal_awa_fr",
                      groups="base.group_portal", partner_id=self.awa.partner_id.id)
        self.awa.partner_id.lang = "fr_FR"
        self.authenticate("market_portal_awa_fr", "market_portal_awa_fr")
        if "website" in self.env:  # the portal in the website's layout, in its languages
            self.env["website"].get_current_website().language_ids |= \
                self.env["res.lang"]._lang_get("fr_FR")
        page = self.url_open("/fr/my/deliveries").text
        lang = self.env["res.lang"]._lang_get("fr_FR")
        row = "%s · %s kg · %s" % (
            mine.date.strftime(lang.date_format),
            lang.format("%.1f", mine.payable_kg, grouping=True),
            format_amount(self.env, mine.amount_total, mine.currency_id, "fr_FR"))
        text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        self.assertIn(mine.name, text)
        self.assertIn(" ".join(row.split()), text)
        self.assertIn("Non payé", text)
        self.assertNotIn("Unpaid", text)
        self.assertIn("Mon relevé", text)
        # the row's link in the member's language, as Odoo writes the page's other links
        prefix = re.search(r'href="([^"]*)/my/statement/\d+"', page).group(1)
        if "website" in self.env:
            self.assertEqual(prefix, "/fr")
        self.assertIn('href="%s/my/deliveries/%s"' % (prefix, mine.id), page)

    def test_no_input_offered_no_order_form(self):
        """A cooperative that offers no input: the member is told so, with no order button and
        no order form to fill in vain."""
        self.env["product.product"].search([("coup_is_input", "=", True)]).active = False
        new_test_user(self.env, "market_portal_awa3", password="market_portal_awa3",
                      groups="base.group_portal", partner_id=self.awa.partner_id.id)
        self.authenticate("market_portal_awa3", "market_portal_awa3")
        inputs = self.url_open("/my/inputs").text
        self.assertNotIn("o_coup_order_inputs", inputs)
        order = self.url_open("/my/inputs/order").text
        self.assertIn("o_coup_no_inputs", order)
        self.assertNotIn("o_coup_inputs_form", order)


@tagged("post_install", "-at_install")
class TestDeliveryFormAt1366(MarketCase, HttpCase):
    _coup_prefix = "Delivery Form"

    def test_delivery_lines_are_readable(self):
        self.cashew.name = "Raw cashew nuts (tour)"
        purchase = self.delivery(confirm=False)
        new_test_user(self.env, "delivery_form_staff", password="delivery_form_staff",
                      groups="coup_member_registry.group_coup_user,base.group_user",
                      company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        self.start_tour("/odoo/action-coup_marketplace.coup_purchase_action/%s" % purchase.id,
                        "coup_delivery_form_tour", login="delivery_form_staff")
