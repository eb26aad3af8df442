import datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

BOOKLET_REPORT = "coup_member_registry.action_report_coup_member_booklet"


@tagged("post_install", "-at_install")
class TestCoupMemberBooklet(TransactionCase):
    """The booklet lists every tie of a member with their cooperative, in date order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Company = cls.env["res.company"]
        cls.coop_a = Company.create({"name": "Booklet Coop A",
                                     "country_id": cls.env.ref("base.ml").id})
        cls.coop_b = Company.create({"name": "Booklet Coop B",
                                     "country_id": cls.env.ref("base.co").id})
        cls.user_a = new_test_user(
            cls.env, "coup_booklet_user_a", groups="coup_member_registry.group_coup_user",
            company_id=cls.coop_a.id, company_ids=[cls.coop_a.id])
        cls.user_b = new_test_user(
            cls.env, "coup_booklet_user_b", groups="coup_member_registry.group_coup_user",
            company_id=cls.coop_b.id, company_ids=[cls.coop_b.id])
        cls.member = cls.env["res.partner"].create({
            "name": "Mariam Diarra", "gender": "female", "birth_date": "1990-07-14",
            "village": "Zantiébougou", "phone": "+22366000003"})
        cls.membership = cls.env["coup.membership"].create({
            "partner_id": cls.member.id,
            "company_id": cls.coop_a.id,
            "member_number": "BKL-0001",
            "join_date": "2020-03-01",
        })
        cls.Booklet = cls.env["coup.member.booklet"]
        # end the creation's transaction, as the registration would: its tracking is discarded
        cls.env.flush_all()
        cls.env.cr.flush()

    def flush_tracking(self):
        """Tracking values are written when the transaction commits: force them now."""
        self.env.flush_all()
        self.env.cr.flush()

    def rows(self, user=None):
        Booklet = self.Booklet.with_user(user) if user else self.Booklet
        return Booklet.search([("partner_id", "=", self.member.id)], order="date, id")

    def _live_the_membership(self):
        self.membership.action_suspend()
        self.flush_tracking()
        self.membership.action_resign()
        self.flush_tracking()

    def test_join_status_exit_in_date_order(self):
        today = fields.Date.context_today(self.membership)
        self._live_the_membership()
        self.assertEqual(self.membership.state, "resigned")
        rows = self.rows()
        self.assertEqual(rows.partner_id, self.member)
        self.assertEqual(rows.company_id, self.coop_a)
        # amounts that modules add are in the cooperative's currency
        self.assertEqual(rows.currency_id, self.coop_a.currency_id)
        dates = rows.mapped("date")
        self.assertEqual(dates, sorted(dates), "rows come in date order")

        self.assertEqual(rows[0].kind, "membership_join")
        self.assertEqual(rows[0].date, datetime.date(2020, 3, 1))
        self.assertEqual(rows[0].name, "BKL-0001")
        self.assertEqual((rows[0].res_model, rows[0].res_id),
                         ("coup.membership", self.membership.id))

        status = rows.filtered(lambda r: r.kind == "membership_status")
        self.assertIn("Active → Suspended", status.mapped("name"))
        self.assertIn("Suspended → Resigned", status.mapped("name"))

        exits = rows.filtered(lambda r: r.kind == "membership_exit")
        self.assertEqual(len(exits), 1)
        self.assertEqual(exits.date, today)
        self.assertEqual(exits.date, self.membership.exit_date)
        self.assertGreater(exits.date, rows[0].date)

    def test_changes_of_a_same_day_in_the_order_they_were_recorded(self):
        with freeze_time("2026-03-02 09:00:00"):
            self.membership.action_suspend()
            self.flush_tracking()
        with freeze_time("2026-03-02 09:00:07"):
            self.membership.action_activate()
            self.flush_tracking()
        with freeze_time("2026-03-02 16:30:00"):
            self.membership.action_suspend()
            self.flush_tracking()
        rows = self.Booklet.search([("partner_id", "=", self.member.id),
                                    ("kind", "=", "membership_status")])
        self.assertEqual(rows.mapped("name"), ["Active → Suspended", "Suspended → Active",
                                               "Active → Suspended"][::-1])
        self.assertEqual(set(rows.mapped("date")), {datetime.date(2026, 3, 2)})

    def test_rows_on_member_form(self):
        self._live_the_membership()
        self.member.invalidate_recordset(["coup_booklet_line_ids"])
        self.assertEqual(set(self.member.coup_booklet_line_ids.mapped("kind")),
                         {"membership_join", "membership_status", "membership_exit"})

    def test_other_member_rows_not_mixed(self):
        other = self.env["res.partner"].create({"name": "Other Member"})
        self.env["coup.membership"].create({
            "partner_id": other.id, "company_id": self.coop_a.id,
            "member_number": "BKL-0002", "join_date": "2021-01-01"})
        self.assertNotIn("BKL-0002", self.rows().mapped("name"))

    def test_own_company_user_sees_rows(self):
        self._live_the_membership()
        self.assertEqual(len(self.rows(self.user_a)), len(self.rows()))

    def test_other_company_user_does_not_see_rows(self):
        self._live_the_membership()
        self.assertTrue(self.rows())
        self.assertFalse(self.rows(self.user_b))
        self.assertFalse(self.Booklet.with_user(self.user_b).search(
            [("company_id", "=", self.coop_a.id)]))

    def test_report_renders_identity_memberships_rows(self):
        self._live_the_membership()
        self.member.with_company(self.coop_a).barcode = "CARD-BKL-01"
        html = self.env["ir.actions.report"]._render_qweb_html(
            BOOKLET_REPORT, self.member.ids)[0].decode()
        for expected in ("Member Booklet", "Mariam Diarra", "Zantiébougou", "+22366000003",
                         "Booklet Coop A", "BKL-0001", "CARD-BKL-01", "Resigned",
                         "Joined", "Left", "Status Changed", "Suspended → Resigned"):
            self.assertIn(expected, html)
        # the rows of the booklet table are in date order: join first
        self.assertLess(html.index("Joined"), html.index("Left"))

    def test_report_under_the_members_cooperative(self):
        """Printed from Odoo's main company, the booklet carries the letterhead of the
        member's cooperative, not the printing user's company."""
        self._live_the_membership()
        self.coop_a.write({"street": "Rue du Marché 12", "city": "Zantiébougou",
                           "phone": "+223 21 00 00 01"})
        main = self.env.ref("base.main_company")
        html = self.env["ir.actions.report"].with_company(main)._render_qweb_html(
            BOOKLET_REPORT, self.member.ids)[0].decode()
        self.assertEqual(self.member.with_company(main)._coup_booklet_company(), self.coop_a)
        header = html[html.index('<div class="header'):html.index("o_coup_member_booklet")]
        self.assertTrue("Rue du Marché 12" in header, "the cooperative's address in the header")
        self.assertFalse(main.name in header, "not the main company's")

    def test_report_refused_to_another_cooperative(self):
        """A member of coop A is personal data that coop B's staff may not print."""
        self._live_the_membership()
        with self.assertRaises(Exception) as caught:
            self.env["ir.actions.report"].with_user(self.user_b)._render_qweb_html(
                BOOKLET_REPORT, self.member.ids)
        # QWeb reports the AccessError it met as the cause of its own error
        self.assertIsInstance(caught.exception.__cause__ or caught.exception, AccessError)

    def test_print_action(self):
        action = self.member.with_user(self.user_a).action_coup_print_booklet()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "coup_member_registry.report_coup_member_booklet")
        self.assertEqual(action["report_type"], "qweb-pdf")
