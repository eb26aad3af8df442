from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoShop(TransactionCase):
    """The demo's La Ruche is a working shop: its till opens for its shop manager, sells its
    groceries at the members' and non-members' prices, volunteers open it with their card."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("coup_pos_coop.company_coop_la_ruche",
                                  raise_if_not_found=False)
        if not cls.company:
            raise SkipTest("installed without demo data")
        cls.till = cls.env["pos.config"].search([("company_id", "=", cls.company.id)])

    def test_the_till_its_journals_and_pricelists(self):
        self.assertEqual(len(self.till), 1)
        self.assertEqual(self.till.name, "Caisse La Ruche")
        methods = self.till.payment_method_ids
        self.assertEqual(sorted(methods.journal_id.mapped("type")), ["bank", "cash"])
        self.assertEqual(methods.journal_id.company_id, self.company)
        self.assertEqual(self.till.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(self.till.coup_member_policy, "price")
        self.assertEqual(self.till.pricelist_id, self.till.coup_non_member_pricelist_id)
        self.assertEqual(self.till.available_pricelist_ids,
                         self.till.coup_member_pricelist_id
                         | self.till.coup_non_member_pricelist_id)
        rice = self.env["product.product"].search(
            [("company_id", "=", self.company.id), ("list_price", "=", 10.0)], limit=1)
        self.assertTrue(rice)
        self.assertAlmostEqual(self.till.coup_member_pricelist_id._get_product_price(rice, 1),
                               9.0, msg="members pay 10 % less")
        self.assertAlmostEqual(
            self.till.coup_non_member_pricelist_id._get_product_price(rice, 1), 10.0)

    def test_volunteers_open_the_till_with_their_card(self):
        group = self.till.coup_work_group_ids
        self.assertEqual(group.kind, "till")
        cashiers = self.till.basic_employee_ids
        self.assertEqual(len(cashiers), 3)
        self.assertEqual(sorted(cashiers.mapped("barcode")), sorted(
            group.membership_ids.partner_id.with_company(self.company).mapped("barcode")))
        self.assertTrue(self.till.module_pos_hr)

    def test_the_shop_manager_opens_the_till_on_groceries_only(self):
        manager = self.env["res.users"].search([("login", "=", "shop.laruche")])
        self.assertTrue(manager.has_group("point_of_sale.group_pos_manager"))
        self.assertEqual(manager.company_id, self.company)
        self.assertIn(manager, self.till.advanced_employee_ids.user_id,
                      "the manager opens the till as its manager")
        till = self.till.with_user(manager)
        till.open_ui()
        session = till.current_session_id
        self.assertIn(session.state, ("opening_control", "opened"))
        data = session.load_data([])
        products = self.env["product.product"].browse(
            [row["id"] for row in data["product.product"]["data"]])
        self.assertTrue(products)
        self.assertEqual(products.company_id, self.company,
                         "Odoo's demo furniture and clothes stay out of the coop's till")
        shared = self.env["product.product"].search(
            [("available_in_pos", "=", True), ("company_id", "=", False)])
        self.assertTrue(shared, "Odoo's demo products are there to be kept out")
        self.assertFalse(
            self.env["product.product"].search(till._get_available_product_domain()) & shared)
        partners = self.env["res.partner"].browse(
            [row["id"] for row in data["res.partner"]["data"]])
        members = self.env["coup.membership"].search(
            [("company_id", "=", self.company.id)]).partner_id
        self.assertLessEqual(members, partners, "the shop's members are preloaded")
        suppliers = partners.filtered(lambda p: p.supplier_rank and not p.customer_rank)
        self.assertFalse(suppliers, "the shop's suppliers do not fill the customer list")
