import io

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MarketCase


class SaleMixin:

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fertiliser = cls.env["product.product"].create({
            "name": "NPK 15-15-15 (test)", "coup_is_input": True, "lst_price": 18000,
            "sale_ok": True})
        cls.place = cls.env["res.partner"].create({
            "name": "Drop point (test)", "type": "delivery",
            "parent_id": cls.coop_ml.partner_id.id, "company_id": cls.coop_ml.id})

    @classmethod
    def sale(cls, membership=None, quantity=2, confirm=True, **vals):
        membership = membership or cls.awa
        sale = cls.env["coup.sale"].create(dict({
            "company_id": membership.company_id.id, "membership_id": membership.id,
            "delivery_place_id": cls.place.id,
            "line_ids": [(0, 0, {"product_id": cls.fertiliser.id, "quantity": quantity})]},
            **vals))
        if confirm:
            sale.action_confirm()
        return sale


@tagged("post_install", "-at_install")
class TestSale(SaleMixin, MarketCase):

    def test_inputs_sold_are_chained_and_invoiced(self):
        sale = self.sale()
        self.assertEqual(sale.name, "VTE/000001")
        self.assertEqual(sale.amount_total, 36000)
        self.assertEqual(sale.invoice_id.move_type, "out_invoice")
        self.assertEqual(sale.invoice_id.currency_id, self.env.ref("base.XOF"))
        self.assertEqual(sale.payment_state, "not_paid")
        with self.assertRaisesRegex(UserError, "cannot be changed or deleted"):
            sale.write({"on_credit": True})
        self.assertEqual(self.env["coup.sale"]._coup_check_integrity(self.coop_ml)["count"], 1)

    def test_credit_up_to_the_members_limit(self):
        with self.assertRaisesRegex(ValidationError, "does not sell on credit"):
            self.sale(on_credit=True)
        self.coop_ml.write({"coup_sale_credit_allowed": True, "coup_sale_credit_limit": 50000})
        self.sale(on_credit=True)
        with self.assertRaisesRegex(ValidationError, "already owes 36000.0; with 36000.0 more "
                                                     "it would exceed the limit of 50000.0 XOF"):
            self.sale(on_credit=True)
        self.awa.coup_credit_limit = 100000
        self.sale(on_credit=True)

    def test_zero_quantity_and_inactive_member_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "quantity must be above zero \\(0.0\\)"):
            self.sale(quantity=0)
        self.siaka.state = "resigned"
        with self.assertRaisesRegex(ValidationError, "Siaka Market \\(ML-202\\) is not an active"):
            self.sale(self.siaka)

    def test_offers_become_planned_deliveries(self):
        offers = self.env["coup.offer"].create([
            {"company_id": self.coop_ml.id, "membership_id": self.awa.id,
             "product_id": self.cashew.id, "quantity_kg": 600, "place": "Kléla"},
            {"company_id": self.coop_ml.id, "membership_id": self.siaka.id,
             "product_id": self.cashew.id, "quantity_kg": 250, "delivery_place_id": self.place.id,
             "delivery_date": "2026-03-20"}])
        found = self.env["coup.offer"].search([("product_id", "=", self.cashew.id),
                                               ("state", "=", "open")])
        self.assertEqual(found, offers)
        segment = self.env["coup.member.segment"].create({
            "name": "Cashew on offer", "company_id": self.coop_ml.id, "state": False,
            "coup_offer_product_id": self.cashew.id})
        self.assertEqual(self.env["coup.membership"].search(segment._get_membership_domain()),
                         self.awa | self.siaka)
        offers.action_plan_delivery()
        self.assertFalse(self.env["coup.membership"].search(segment._get_membership_domain()),
                         "planned offers are no longer available")
        self.assertEqual(offers.mapped("state"), ["planned", "planned"])
        siaka = offers[1].purchase_id
        self.assertEqual((siaka.state, siaka.delivery_place_id, siaka.line_ids.gross_kg),
                         ("draft", self.place, 250))
        self.assertEqual(str(siaka.date.date()), "2026-03-20")
        with self.assertRaisesRegex(UserError, "Only available offers"):
            offers.action_plan_delivery()

    def test_the_member_statement_balances_deliveries_inputs_and_payments(self):
        purchase = self.delivery()
        self.sale()
        wizard = self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=purchase.bill_id.ids).create(
            {"amount": 100000})
        wizard.action_create_payments()
        rows = self.awa._coup_statement()
        self.assertEqual([r["kind"] for r in rows], ["delivery", "inputs", "payment"])
        self.assertEqual(rows[-1]["balance"], 140000 - 36000 - 100000)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_marketplace.action_report_coup_member_statement", self.awa.ids)[0].decode()
        self.assertIn("ACH/000001", html)
        self.assertIn("VTE/000001", html)
        # printed from Odoo's main company in the member's French: the cooperative's
        # letterhead, numbers with a decimal comma
        self.env["res.lang"]._activate_lang("fr_FR")
        self.awa.partner_id.lang = "fr_FR"
        main = self.env.ref("base.main_company")
        html = self.env["ir.actions.report"].with_company(main)._render_qweb_html(
            "coup_marketplace.action_report_coup_member_statement", self.awa.ids)[0].decode()
        header = html[html.index('<div class="header'):html.index("o_coup_statement")]
        self.assertTrue(self.coop_ml.name in header, "the cooperative's letterhead")
        self.assertFalse(main.name in header, "not the main company's")
        quantity = rows[0]["quantity"]
        self.assertIn(("%.1f" % quantity).replace(".", ","), html)


@tagged("post_install", "-at_install")
class TestInputsPortal(SaleMixin, MarketCase, HttpCase):
    _coup_prefix = "Inputs Portal"

    def test_a_member_orders_inputs_from_a_phone(self):
        new_test_user(self.env, "inputs_portal_awa", password="inputs_portal_awa",
                      groups="base.group_portal", partner_id=self.awa.partner_id.id)
        self.start_tour("/my/inputs", "coup_marketplace_inputs_tour", login="inputs_portal_awa")
        sale = self.env["coup.sale"].search([("membership_id", "=", self.awa.id)])
        self.assertEqual((sale.origin, sale.state, sale.delivery_place_id),
                         ("portal", "draft", self.place))
        self.assertEqual(sale.line_ids.quantity, 3)
        sale.action_confirm()
        self.assertEqual(sale.amount_total, 54000)

    def test_the_statement_downloads_as_excel_for_staff_only(self):
        self.delivery()
        staff = new_test_user(self.env, "inputs_staff", password="inputs_staff",
                              groups="coup_member_registry.group_coup_user",
                              company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        self.authenticate(staff.login, "inputs_staff")
        response = self.url_open("/coup/statement/%s.xlsx" % self.awa.id)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        self.assertEqual(sheet["C2"].value, "ACH/000001")
        self.assertEqual(sheet["G2"].value, 140000)
        other = new_test_user(self.env, "inputs_staff_co", password="inputs_staff_co",
                              groups="coup_member_registry.group_coup_user",
                              company_id=self.coop_co.id, company_ids=[self.coop_co.id])
        self.authenticate(other.login, "inputs_staff_co")
        self.assertEqual(self.url_open("/coup/statement/%s.xlsx" % self.awa.id).status_code, 404)
