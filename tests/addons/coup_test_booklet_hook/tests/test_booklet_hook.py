import datetime

from odoo.tests import TransactionCase, new_test_user, tagged

BOOKLET_REPORT = "coup_member_registry.action_report_coup_member_booklet"


@tagged("post_install", "-at_install")
class TestBookletHook(TransactionCase):
    """A module the registry does not know adds its rows to the member booklet."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop = cls.env["res.company"].create({
            "name": "Hook Coop", "country_id": cls.env.ref("base.ml").id})
        cls.other_coop = cls.env["res.company"].create({"name": "Hook Other Coop"})
        cls.member = cls.env["res.partner"].create({"name": "Oumar Sangaré"})
        cls.membership = cls.env["coup.membership"].create({
            "partner_id": cls.member.id, "company_id": cls.coop.id,
            "member_number": "HOOK-0001", "join_date": "2020-01-15"})
        cls.delivery = cls.env["coup.test.delivery"].create({
            "name": "Coffee cherries", "partner_id": cls.member.id,
            "company_id": cls.coop.id, "date": "2021-06-01", "quantity": 125.5})
        cls.user_other = new_test_user(
            cls.env, "coup_hook_user_other", groups="coup_member_registry.group_coup_user",
            company_id=cls.other_coop.id, company_ids=[cls.other_coop.id])

    def rows(self, user=None):
        Booklet = self.env["coup.member.booklet"]
        if user:
            Booklet = Booklet.with_user(user)
        return Booklet.search([("partner_id", "=", self.member.id)], order="date, id")

    def test_delivery_row_in_booklet(self):
        rows = self.rows()
        delivery_rows = rows.filtered(lambda r: r.kind == "test_delivery")
        self.assertEqual(len(delivery_rows), 1)
        row = delivery_rows
        self.assertEqual(row.date, datetime.date(2021, 6, 1))
        self.assertEqual(row.name, "Coffee cherries")
        self.assertEqual(row.quantity, 125.5)
        self.assertEqual(row.company_id, self.coop)
        self.assertEqual((row.res_model, row.res_id), ("coup.test.delivery", self.delivery.id))
        # in date order, after the membership the member joined with
        self.assertEqual(rows.mapped("kind")[:2], ["membership_join", "test_delivery"])
        self.assertEqual(row.action_open_document()["res_id"], self.delivery.id)

    def test_kind_label(self):
        labels = dict(self.env["coup.member.booklet"]._fields["kind"]._description_selection(
            self.env))
        self.assertEqual(labels["test_delivery"], "Test Delivery")
        self.assertIn("membership_join", labels)

    def test_record_rules_apply_to_added_rows(self):
        self.assertTrue(self.rows())
        self.assertFalse(self.rows(self.user_other))

    def test_delivery_row_in_report(self):
        html = self.env["ir.actions.report"]._render_qweb_html(
            BOOKLET_REPORT, self.member.ids)[0].decode()
        self.assertIn("Coffee cherries", html)
        self.assertIn("Test Delivery", html)
        self.assertIn("125.5", html)
        self.assertLess(html.index("Joined"), html.index("Coffee cherries"))
