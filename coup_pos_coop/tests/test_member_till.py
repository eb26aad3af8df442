from psycopg2 import IntegrityError

from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestMemberTill(TestPointOfSaleHttpCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.main_pos_config.company_id
        Partner = cls.env["res.partner"].with_company(company)
        cls.awa = Partner.create({"name": "Awa Caissière", "barcode": "0420100000012"})
        cls.siaka = Partner.create({"name": "Siaka Suspendu", "barcode": "0420100000029"})
        Membership = cls.env["coup.membership"].sudo()
        cls.awa_membership = Membership.create({
            "partner_id": cls.awa.id, "company_id": company.id, "member_number": "T-001",
            "state": "active"})
        Membership.create({"partner_id": cls.siaka.id, "company_id": company.id,
                           "member_number": "T-002", "state": "suspended"})
        cls.bintou = Partner.create({"name": "Bintou Membre", "barcode": "0420100000043"})
        Membership.create({"partner_id": cls.bintou.id, "company_id": company.id,
                           "member_number": "T-003", "state": "active"})
        cls.kadi = Partner.create({"name": "Kadi Membre", "barcode": "0420100000050",
                                   "email": "kadi@example.com"})
        Membership.create({"partner_id": cls.kadi.id, "company_id": company.id,
                           "member_number": "T-004", "state": "active"})
        cls.member_pricelist = cls.env["product.pricelist"].create({
            "name": "Prix membres", "company_id": company.id,
            "item_ids": [Command.create({"applied_on": "0_product_variant",
                                         "product_id": cls.desk_pad.id,
                                         "compute_price": "fixed", "fixed_price": 1.50})]})
        cls.main_pos_config.write({
            "coup_member_policy": "refuse", "coup_member_pricelist_id": cls.member_pricelist.id,
            "use_pricelist": True,
            "available_pricelist_ids": [Command.link(cls.member_pricelist.id)]})
        cls.rice = cls.env["product.product"].create({
            "name": "Riz de test", "available_in_pos": True, "list_price": 2.0,
            "barcode": "2000000000022", "taxes_id": False})

    def test_a_card_scanned_shows_the_member_and_a_suspended_member_is_refused(self):
        self.env["ir.config_parameter"].sudo().set_param("point_of_sale.limited_customer_count", 1)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        preloaded = [row[0] for row in self.main_pos_config.get_limited_partners_loading()]
        self.assertFalse({self.bintou.id, self.kadi.id} & set(preloaded),
                         "the tour checks cards of members the till did not preload")
        self.start_tour("/pos/ui?config_id=%d" % self.main_pos_config.id,
                        "coup_pos_member_card_tour", login="pos_user")
        order = self.main_pos_config.current_session_id.order_ids.filtered(
            lambda o: o.state == "paid")
        self.assertEqual(len(order), 1, "the ticket without a member was not paid")
        self.assertEqual(order.partner_id, self.awa)
        self.assertEqual(order.pricelist_id, self.member_pricelist,
                         "the member's pricelist survives Odoo's set_partner")
        self.assertEqual(order.lines.product_id, self.desk_pad,
                         "the product scanned behind the refusal was not added")
        self.assertAlmostEqual(order.amount_total, 1.50)

    def test_the_till_loads_the_members_state_and_the_offline_register(self):
        company = self.main_pos_config.company_id
        fields_ = self.env["res.partner"]._load_pos_data_fields(self.main_pos_config.id)
        self.assertIn("coup_pos_member_state", fields_)
        awa = self.awa.with_company(company)
        self.assertEqual((awa.coup_pos_member_number, awa.coup_pos_member_state),
                         ("T-001", "active"))
        index = self.main_pos_config.with_user(self.pos_user).coup_member_index()
        self.assertIn(["0420100000012", "Awa Caissière", "T-001", "active", self.awa.id],
                      [list(row) for row in index])
        self.assertIn(["0420100000029", "Siaka Suspendu", "T-002", "suspended",
                       self.siaka.id], [list(row) for row in index])

    def test_a_ticket_is_recorded_once(self):
        session = self.main_pos_config.with_user(self.pos_user)
        session.open_ui()
        vals = {"session_id": self.main_pos_config.current_session_id.id,
                "company_id": self.main_pos_config.company_id.id, "uuid": "coup-ticket-0001",
                "amount_tax": 0, "amount_total": 0, "amount_paid": 0, "amount_return": 0}
        self.env["pos.order"].create(vals)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.env["pos.order"].create(vals)
            self.env.flush_all()
        self.assertEqual(self.env["pos.order"].search_count(
            [("uuid", "=", "coup-ticket-0001")]), 1)

    def test_shop_purchases_in_the_booklet_and_the_dashboard(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        company = self.main_pos_config.company_id
        common = {"session_id": self.main_pos_config.current_session_id.id,
                  "company_id": company.id, "amount_tax": 0, "amount_paid": 0,
                  "amount_return": 0, "state": "paid"}
        Order = self.env["pos.order"]
        Order.create(dict(common, partner_id=self.awa.id, amount_total=1500,
                          uuid="coup-booklet-1"))
        Order.create(dict(common, partner_id=self.siaka.id, amount_total=400,
                          uuid="coup-booklet-2"))
        Order.create(dict(common, amount_total=250, uuid="coup-booklet-3"))
        self.env.flush_all()
        row = self.env["coup.member.booklet"].sudo().search([("partner_id", "=", self.awa.id),
                                                      ("kind", "=", "shop_purchase")])
        self.assertEqual(row.amount, 1500)
        data = self.env["coup.dashboard"].sudo().get_dashboard_data(company_ids=company.ids)
        figures = {f["key"]: f for f in data["figures"]}

        def value(key):
            values = figures[key]["values"]
            return values.get(str(company.id), values.get(company.id, 0))
        self.assertEqual(value("shop_sales_members"), 1500)
        self.assertEqual(value("shop_sales_non_members"), 650, "a suspended member pays as "
                                                               "a non-member")

    def test_the_till_preloads_its_own_customers(self):
        other = self.env["res.company"].create({"name": "Autre Coopérative"})
        stranger = self.env["res.partner"].create({"name": "AAA Membre d'ailleurs"})
        self.env["coup.membership"].sudo().create({
            "partner_id": stranger.id, "company_id": other.id, "member_number": "X-001",
            "state": "active"})
        walk_in = self.env["res.partner"].create({"name": "AAA Client de passage"})
        ids = [row[0] for row in self.main_pos_config.get_limited_partners_loading()]
        self.assertEqual(ids[0], self.awa.id, "the cooperative's active members come first")
        self.assertIn(self.siaka.id, ids)
        self.assertIn(walk_in.id, ids)
        self.assertNotIn(stranger.id, ids, "a member of another cooperative only is found "
                                           "by searching")
