import base64
import re
from unittest.mock import patch

from lxml import html

from odoo import Command
from odoo.tests import HttpCase, tagged

PHONE_FORM = "/my/coop/phone"
# a 1×1 PNG: the cooperative's logo
PIXEL = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E"
         "rkJggg==")


def _portal_data(cls):
    """A cooperative, a member with a child and a neighbour, the member's portal user."""
    cls.coop = cls.env["res.company"].create({
        "name": "Coopérative Test de Kolondiéba",
        "country_id": cls.env.ref("base.ml").id,
    })
    Partner = cls.env["res.partner"]
    cls.aminata = Partner.create({
        "name": "Aminata Coulibaly",
        "gender": "female",
        "birth_date": "1985-04-12",
        "village": "Fakola",
        "phone": "+22365000001",
    })
    cls.fatou = Partner.create({"name": "Fatou Coulibaly", "gender": "female"})
    cls.bakary = Partner.create({
        "name": "Bakary Traoré", "gender": "male", "phone": "+22370000002"})
    cls.aminata.with_company(cls.coop).barcode = "CARD-AMI-001"
    Membership = cls.env["coup.membership"]
    cls.aminata_membership = Membership.create({
        "partner_id": cls.aminata.id,
        "company_id": cls.coop.id,
        "member_number": "TST-0001",
        "join_date": "2019-02-01",
    })
    cls.fatou_membership = Membership.create({
        "partner_id": cls.fatou.id,
        "company_id": cls.coop.id,
        "member_number": "TST-0003",
        "membership_type": "affiliated",
        "principal_membership_id": cls.aminata_membership.id,
        "relation": "child",
        "join_date": "2019-02-01",
    })
    cls.bakary_membership = Membership.create({
        "partner_id": cls.bakary.id,
        "company_id": cls.coop.id,
        "member_number": "TST-0002",
        "join_date": "2018-11-20",
    })
    cls.portal_user = cls.env["res.users"].with_context(no_reset_password=True).create({
        "name": "Aminata Coulibaly",
        "login": "coup_portal_aminata",
        "password": "coup_portal_aminata",
        "partner_id": cls.aminata.id,
        "groups_id": [Command.set([cls.env.ref("base.group_portal").id])],
    })


@tagged("post_install", "-at_install")
class TestCoupPortal(HttpCase):
    """A member on the portal sees their own cooperative data, and nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _portal_data(cls)

    def _login(self):
        self.authenticate("coup_portal_aminata", "coup_portal_aminata")

    def _csrf_token(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        self.assertTrue(match, "the form carries a CSRF token")
        return match.group(1)

    def test_tour_member_portal(self):
        self.start_tour("/my", "coup_portal_tour", login="coup_portal_aminata")
        self.assertEqual(self.aminata.phone, "76 12 34 56")

    def test_home_counter(self):
        self._login()
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["coup_membership_count"]})
        self.assertEqual(counters["coup_membership_count"], 1)
        response = self.url_open("/my")
        self.assertIn('href="/my/coop"', response.text)

    def test_member_page_shows_own_data_only(self):
        self._login()
        response = self.url_open("/my/coop")
        self.assertEqual(response.status_code, 200)
        page = response.text
        for expected in ("Aminata Coulibaly", "TST-0001", "CARD-AMI-001", "Fakola",
                         "+22365000001", "Coopérative Test de Kolondiéba", "Active",
                         "Fatou Coulibaly", "Child", "/my/coop/booklet/pdf"):
            self.assertIn(expected, page)
        for unexpected in ("Bakary Traoré", "TST-0002", "+22370000002", "TST-0003"):
            self.assertNotIn(unexpected, page)

    def test_affiliated_member_sees_household(self):
        """An affiliated member sees their principal by name, read in a controlled sudo."""
        self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Fatou Coulibaly",
            "login": "coup_portal_fatou",
            "password": "coup_portal_fatou",
            "partner_id": self.fatou.id,
            "groups_id": [Command.set([self.env.ref("base.group_portal").id])],
        })
        self.authenticate("coup_portal_fatou", "coup_portal_fatou")
        page = self.url_open("/my/coop").text
        self.assertIn("Aminata Coulibaly", page)
        self.assertIn("Principal member", page)
        self.assertNotIn("TST-0001", page, "the principal's member number is not shown")
        self.assertNotIn("+22365000001", page, "the principal's phone is not shown")
        response = self.url_open(f"/my/coop/membership/{self.fatou_membership.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("TST-0003", response.text)
        self.assertIn("Aminata Coulibaly", response.text)

    def test_own_membership_page(self):
        self._login()
        response = self.url_open(f"/my/coop/membership/{self.aminata_membership.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("TST-0001", response.text)
        self.assertIn("Fatou Coulibaly", response.text)
        self.assertNotIn("Bakary Traoré", response.text)

    def test_other_member_membership_refused(self):
        self._login()
        for membership_id in (self.bakary_membership.id, self.fatou_membership.id, 987654321):
            response = self.url_open(f"/my/coop/membership/{membership_id}",
                                     allow_redirects=False)
            self.assertIn(response.status_code, (302, 303, 403, 404), membership_id)
            self.assertNotIn("TST-0002", response.text)
            self.assertNotIn("Bakary", response.text)

    def test_staff_member_portal_is_theirs_only(self):
        """Coop staff read other memberships in the backend, but /my/coop is theirs only."""
        staff = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Coop Clerk",
            "login": "coup_portal_clerk",
            "password": "coup_portal_clerk",
            "company_id": self.coop.id,
            "company_ids": [Command.set(self.coop.ids)],
            "groups_id": [Command.set([self.env.ref("coup_member_registry.group_coup_user").id])],
        })
        self.authenticate(staff.login, "coup_portal_clerk")
        response = self.url_open(f"/my/coop/membership/{self.bakary_membership.id}",
                                 allow_redirects=False)
        self.assertIn(response.status_code, (302, 303, 403, 404))
        page = self.url_open("/my/coop").text
        self.assertNotIn("TST-0002", page)
        self.assertNotIn("Aminata Coulibaly", page)

    def test_booklet_page(self):
        self._login()
        response = self.url_open("/my/coop/booklet")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Joined", response.text)
        self.assertIn("TST-0001", response.text)
        self.assertNotIn("TST-0002", response.text)

    def test_booklet_pages(self):
        """The booklet's rows in pages: every row once, in date order, whether the booklet
        fits on its first page (its rows are then counted without a second query) or not."""
        from odoo.addons.coup_member_registry.controllers.portal import CoupMemberPortal
        # she left the cooperative and joined two others: a booklet row each
        self.aminata_membership.write({"exit_date": "2024-06-30"})
        for name in ("Coop Two", "Coop Three"):
            self.env["coup.membership"].create({
                "partner_id": self.aminata.id, "join_date": "2025-01-15",
                "company_id": self.env["res.company"].create({"name": name}).id})
        user = self.env["res.users"].search([("login", "=", "coup_portal_aminata")])
        rows = self.env["coup.member.booklet"].with_user(user).search(
            [("partner_id", "=", user.partner_id.id)], order="date, moment, id")
        self.assertGreaterEqual(len(rows), 3)
        self._login()

        def page_rows(step, url):
            with patch.object(CoupMemberPortal, "_coup_booklet_per_page", step):
                page = html.fromstring(self.url_open(url).text)
            return (len(page.xpath("//li[contains(@class, 'o_coup_booklet_row')]")),
                    [a.text_content().strip() for a in page.xpath(
                        "//ul[contains(@class, 'pagination')]//a")])

        self.assertEqual(page_rows(len(rows) + 1, "/my/coop/booklet"), (len(rows), []))
        step = len(rows) - 1
        first, pages = page_rows(step, "/my/coop/booklet")
        self.assertEqual(first, step)
        self.assertIn("2", pages, "a second page")
        self.assertEqual(page_rows(step, "/my/coop/booklet/page/2")[0], 1)

    def test_booklet_pdf_own_data(self):
        self._login()
        response = self.url_open("/my/coop/booklet/pdf")
        self.assertEqual(response.status_code, 200)
        # In test mode Odoo renders the report's HTML instead of a PDF.
        content = response.content.decode()
        for expected in ("Member Booklet", "Aminata Coulibaly", "TST-0001", "CARD-AMI-001",
                         "Coopérative Test de Kolondiéba", "Joined"):
            self.assertIn(expected, content)
        for unexpected in ("Bakary Traoré", "TST-0002"):
            self.assertNotIn(unexpected, content)

    def test_booklet_pdf_without_pdf_engine_is_the_printable_page(self):
        """Without wkhtmltopdf the booklet link opens its page with a note, never an error,
        under the member's cooperative."""
        self.coop.write({"street": "Route de Koutiala", "phone": "+223 21 00 00 02"})
        self._login()
        with patch.object(type(self.env["ir.actions.report"]), "get_wkhtmltopdf_state",
                          lambda report: "install"):
            response = self.url_open("/my/coop/booklet/pdf")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Content-Type"].startswith("text/html"))
        content = response.text
        self.assertIn("o_coup_no_pdf", content)
        self.assertIn("wkhtmltopdf is not installed", content)
        for expected in ("Aminata Coulibaly", "Route de Koutiala", "Coopérative Test de Kolondiéba"):
            self.assertIn(expected, content)
        self.assertNotIn("My Company", content)

    def test_portal_framed_by_the_members_cooperative(self):
        """The member's pages show their cooperative's name, address and phone, not the
        server's main company (in Odoo's portal header: without the website, whether or not
        it is installed beside these tests)."""
        from odoo.addons.coup_member_registry.controllers.portal import CoupMemberPortal
        self.coop.write({"street": "Route de Koutiala", "phone": "+223 21 00 00 02"})
        self._login()
        for url in ("/my", "/my/coop", "/my/coop/booklet"):
            with patch.object(CoupMemberPortal, "_coup_own_frame", lambda portal: False):
                text = self.url_open(url).text
            card = text[text.index("o_coup_portal_company"):]
            card = card[:card.index("</a>")]
            for expected in ("Coopérative Test de Kolondiéba", "Route de Koutiala",
                             "+223 21 00 00 02"):
                self.assertIn(expected, card, url)

    def test_portal_frame_when_the_website_draws_the_layout(self):
        """With Odoo's website installed, its header and footer (a sample logo, menus and
        contact) give way to the cooperative's: its logo and name above the page, with the
        member's menu, its address and phone below. The website is not installed here (too
        heavy for the tests): its presence is what the controller's switch reads."""
        from odoo.addons.coup_member_registry.controllers.portal import CoupMemberPortal
        self._login()
        with patch.object(CoupMemberPortal, "_coup_own_frame", lambda portal: True):
            page = html.fromstring(self.url_open("/my/coop").text)
        header, = page.xpath("//nav[contains(@class, 'o_coup_portal_header')]")
        self.assertFalse(header.xpath(".//img"), "no logo of its own: not Odoo's placeholder")
        self.coop.write({"street": "Route de Koutiala", "phone": "+223 21 00 00 02",
                         "email": "contact@kolondieba.example", "logo": PIXEL})
        with patch.object(CoupMemberPortal, "_coup_own_frame", lambda portal: True):
            pages = {url: html.fromstring(self.url_open(url).text)
                     for url in ("/my", "/my/coop", "/my/coop/booklet")}
        for url, page in pages.items():
            with self.subTest(url=url):
                self.assertFalse(page.xpath("//header[@id='top']"), "no website header")
                self.assertFalse(page.xpath("//footer[@id='bottom']"), "no website footer")
                header, = page.xpath("//nav[contains(@class, 'o_coup_portal_header')]")
                self.assertEqual(header.xpath(".//*[contains(@class, "
                                              "'o_coup_portal_company_name')]")[0].text_content(),
                                 "Coopérative Test de Kolondiéba")
                logo, = header.xpath(".//img[contains(@class, 'o_coup_portal_company_logo')]")
                self.assertEqual(self.url_open(logo.get("src")).content,
                                 base64.b64decode(self.coop.logo_web), "the cooperative's logo")
                self.assertTrue(header.xpath(".//a[contains(@href, '/web/session/logout')]"),
                                "the member can still log out")
                footer, = page.xpath("//footer[contains(@class, 'o_coup_portal_footer')]")
                text = " ".join(footer.text_content().split())
                for expected in ("Coopérative Test de Kolondiéba", "Route de Koutiala",
                                 "+223 21 00 00 02", "contact@kolondieba.example"):
                    self.assertIn(expected, text)
                self.assertFalse(page.xpath("//*[contains(@class, 'o_coup_portal_company ')]"),
                                 "the card is not repeated under the cooperative's header")
        # without the website, Odoo's portal header shows the cooperative, as before
        with patch.object(CoupMemberPortal, "_coup_own_frame", lambda portal: False):
            page = html.fromstring(self.url_open("/my/coop").text)
        self.assertTrue(page.xpath("//header[@id='top']"))
        self.assertFalse(page.xpath("//nav[contains(@class, 'o_coup_portal_header')]"))
        self.assertTrue(page.xpath("//*[contains(@class, 'o_coup_portal_company ')]"))

    def test_portal_frame_follows_the_current_membership(self):
        """A member who left one cooperative and belongs to another is framed by the one
        they belong to, even if they joined it first; once they have left both, by the one
        they joined last."""
        former = self.env["res.company"].create({"name": "Union des Coopératives de Sikasso"})
        left = self.env["coup.membership"].create({
            "partner_id": self.aminata.id, "company_id": former.id, "member_number": "SIK-1",
            "join_date": "2022-03-01"})
        left.write({"state": "resigned", "exit_date": "2024-01-31"})
        self._login()

        def framed_by():
            page = html.fromstring(self.url_open("/my/coop").text)
            return page.xpath("//*[contains(@class, 'o_coup_portal_company_name')]")[0] \
                .text_content()

        self.assertEqual(framed_by(), "Coopérative Test de Kolondiéba")
        self.aminata_membership.write({"state": "resigned", "exit_date": "2024-06-30"})
        self.assertEqual(framed_by(), "Union des Coopératives de Sikasso")

    def test_booklet_pdf_needs_login(self):
        response = self.url_open("/my/coop/booklet/pdf", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_phone_valid_number_saved_as_typed(self):
        self._login()
        token = self._csrf_token(PHONE_FORM)
        response = self.url_open(PHONE_FORM, data={"phone": "76 12 34 56", "csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my/coop?phone_updated=1"), response.url)
        self.assertIn("76 12 34 56", response.text)
        self.aminata.invalidate_recordset(["phone"])
        self.assertEqual(self.aminata.phone, "76 12 34 56")
        self.assertEqual(self.aminata._coup_format_phone(self.aminata.phone), "+22376123456",
                         "read in the cooperative's country, it is a Malian number")
        self.assertIn("+22365000001 → 76 12 34 56",
                      " ".join(self.aminata.message_ids.mapped("body")))

    def test_phone_invalid_number_refused(self):
        self._login()
        token = self._csrf_token(PHONE_FORM)
        response = self.url_open(PHONE_FORM, data={"phone": "12345", "csrf_token": token})
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_coup_portal_phone_error", response.text)
        self.assertIn("is not a valid phone number", response.text)
        self.aminata.invalidate_recordset(["phone"])
        self.assertEqual(self.aminata.phone, "+22365000001")

    def test_phone_empty_number_refused(self):
        self._login()
        token = self._csrf_token(PHONE_FORM)
        response = self.url_open(PHONE_FORM, data={"phone": "  ", "csrf_token": token})
        self.assertIn("o_coup_portal_phone_error", response.text)
        self.aminata.invalidate_recordset(["phone"])
        self.assertEqual(self.aminata.phone, "+22365000001")

    def test_phone_post_needs_csrf(self):
        self._login()
        response = self.url_open(PHONE_FORM, data={"phone": "76 12 34 56"})
        self.assertEqual(response.status_code, 400)
        self.aminata.invalidate_recordset(["phone"])
        self.assertEqual(self.aminata.phone, "+22365000001")



@tagged("post_install", "-at_install")
class TestCoupPortalOnAPhone(HttpCase):
    """The member's pages on a 390×844 phone: their cooperative on screen, nothing wider than
    the screen, the latest entries newest first."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _portal_data(cls)

    def test_tour_portal_on_a_phone(self):
        self.coop.write({"street": "Route de Koutiala", "phone": "+223 21 00 00 02"})
        other = self.env["res.company"].create({"name": "Coopérative de Fakola"})
        left = self.env["coup.membership"].create({
            "partner_id": self.aminata.id, "company_id": other.id,
            "member_number": "FAK-0001", "join_date": "2021-03-01"})
        left.write({"state": "resigned", "exit_date": "2022-05-01"})
        self.env.flush_all()
        self.start_tour("/my/coop", "coup_portal_phone_tour", login="coup_portal_aminata")
        # the whole booklet reads in date order, the preview newest first
        self.authenticate("coup_portal_aminata", "coup_portal_aminata")
        booklet = self.url_open("/my/coop/booklet").text
        self.assertLess(booklet.index("FAK-0001"), booklet.index("2022"))
        self.assertLess(booklet.index("TST-0001"), booklet.index("FAK-0001"))


@tagged("post_install", "-at_install")
class TestCoupMemberFormTour(HttpCase):

    def test_member_form_at_1366(self):
        coop = self.env["res.company"].create({"name": "Coopérative Tour"})
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= coop
        partner = self.env["res.partner"].create({"name": "Aminata Coulibaly"})
        membership = self.env["coup.membership"].create({
            "partner_id": partner.id, "company_id": coop.id, "join_date": "2019-02-01"})
        self.start_tour("/odoo/action-coup_member_registry.coup_membership_action/%s"
                        % membership.id, "coup_member_form_tour", login="admin")
