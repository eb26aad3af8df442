import base64
import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestCommittees(ActivityCase):

    def test_members_roles_and_terms(self):
        youth = self.env["coup.committee"].create(
            {"name": "Comité des jeunes", "company_id": self.coop_ml.id, "kind": "youth"})
        Seat = self.env["coup.committee.member"]
        Seat.create([
            {"committee_id": youth.id, "membership_id": self.awa.id, "role": "president",
             "date_start": "2024-01-01"},
            {"committee_id": youth.id, "membership_id": self.bintou.id, "role": "member",
             "date_start": "2022-01-01", "date_end": "2023-12-31"},
        ])
        self.assertEqual(youth.current_member_count, 1, "Bintou's term is over")
        self.assertEqual(youth._current_memberships(), self.awa)
        with self.assertRaisesRegex(ValidationError, "already has a President"), \
                self.env.cr.savepoint():
            Seat.create({"committee_id": youth.id, "membership_id": self.siaka.id,
                         "role": "president", "date_start": "2025-01-01"})
        with self.assertRaisesRegex(ValidationError, "already sits on Comité des jeunes"), \
                self.env.cr.savepoint():
            Seat.create({"committee_id": youth.id, "membership_id": self.awa.id,
                         "date_start": "2025-06-01"})
        with self.assertRaisesRegex(ValidationError, "the term ends"), \
                self.env.cr.savepoint():
            Seat.create({"committee_id": youth.id, "membership_id": self.siaka.id,
                         "date_start": "2025-06-01", "date_end": "2025-01-01"})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            Seat.create({"committee_id": youth.id, "membership_id": self.jorge.id})
        # its meetings invite the members in office
        meeting = self.make_activity("Réunion du comité", self.coop_ml, "committee_meeting",
                                     coup_committee_id=youth.id)
        wizard = self.invite(meeting, committee_ids=[(6, 0, youth.ids)])
        self.assertEqual(wizard.new_count, 1)
        wizard.action_invite()
        self.assertEqual(meeting.coup_invitation_ids.coup_membership_id, self.awa)
        self.assertEqual(youth.meeting_ids, meeting)

    def test_staff_of_another_cooperative_do_not_see_it(self):
        committee = self.env["coup.committee"].create(
            {"name": "Audit", "company_id": self.coop_ml.id, "kind": "audit"})
        with self.assertRaises(AccessError):
            committee.with_user(self.user_co).read(["name"])
        self.assertEqual(self.env["coup.committee"].with_user(self.manager_ml).search(
            [("id", "=", committee.id)]), committee)


@tagged("post_install", "-at_install")
class TestSharedDocuments(ActivityCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.theme = cls.env["coup.training.theme"].create({"name": "Compostage"})
        cls.women = cls.env["coup.member.segment"].create(
            {"name": "Femmes", "company_id": cls.coop_ml.id, "gender": "female"})
        cls.awa_user = new_test_user(cls.env, "act_doc_awa", password="act_doc_awa_pwd",
                                     groups="base.group_portal", name="Awa Diallo",
                                     partner_id=cls.awa.partner_id.id)

    def make_document(self, **vals):
        return self.env["coup.activity.document"].create(dict({
            "name": "Le compost pas à pas", "company_id": self.coop_ml.id,
            "theme_id": self.theme.id, "kind": "file", "filename": "compost.pdf",
            "file": base64.b64encode(b"%PDF-1.4 compost")}, **vals))

    def test_share_with_segments_and_invitees_once(self):
        document = self.make_document(segment_ids=[(6, 0, self.women.ids)])
        document.action_share()
        self.assertEqual(document.share_ids.partner_id,
                         (self.awa | self.bintou).partner_id)
        self.invite(self.assembly, memberships=self.siaka | self.awa).action_invite()
        document.event_id = self.assembly
        document.action_share()
        self.assertEqual(document.share_count, 3, "Awa is not given it twice")
        self.env.flush_all()
        booklet = self.env["coup.member.booklet"].search(
            [("partner_id", "=", self.siaka.partner_id.id), ("kind", "=", "document_received")])
        self.assertEqual(booklet.name, "Le compost pas à pas")
        with self.assertRaisesRegex(UserError, "Choose segments or an activity"):
            self.make_document(name="Rien").action_share()

    def test_bad_documents_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "attach the file"), \
                self.env.cr.savepoint():
            self.make_document(file=False)
        with self.assertRaisesRegex(ValidationError, "is not a web address"), \
                self.env.cr.savepoint():
            self.make_document(kind="link", file=False, url="youtube compost")

    def test_member_finds_and_downloads_only_their_documents(self):
        shared = self.make_document(segment_ids=[(6, 0, self.women.ids)])
        shared.action_share()
        video = self.make_document(name="Vidéo", kind="link", file=False,
                                   url="https://video.example.org/compost")
        video.segment_ids = [(6, 0, self.women.ids)]
        video.action_share()
        other = self.make_document(name="Pour Siaka seulement")
        other.event_id = self.assembly
        self.invite(self.assembly, memberships=self.siaka).action_invite()
        other.action_share()
        self.authenticate("act_doc_awa", "act_doc_awa_pwd")
        page = self.url_open("/my/documents")
        self.assertIn("Le compost pas à pas", page.text)
        self.assertIn("https://video.example.org/compost", page.text)
        self.assertNotIn("Pour Siaka seulement", page.text)
        own = shared.share_ids.filtered(lambda s: s.partner_id == self.awa.partner_id)
        response = self.url_open("/my/documents/%s/file" % own.id)
        self.assertEqual(response.content, b"%PDF-1.4 compost")
        self.assertTrue(own.opened)
        siaka_share = other.share_ids
        self.assertEqual(self.url_open("/my/documents/%s/file" % siaka_share.id).status_code, 404)
        with self.assertRaises(AccessError):
            siaka_share.with_user(self.awa_user).read(["document_id"])
        with self.assertRaises(AccessError):
            other.with_user(self.awa_user).read(["file"])

    def test_a_member_with_500_documents_gets_them_page_by_page(self):
        documents = self.env["coup.activity.document"].create([{
            "name": "Fiche %03d" % n, "company_id": self.coop_ml.id, "kind": "link",
            "url": "https://docs.example.org/%d" % n} for n in range(500)])
        self.env["coup.activity.document.share"].create([
            {"document_id": d.id, "partner_id": self.awa.partner_id.id} for d in documents])
        self.authenticate("act_doc_awa", "act_doc_awa_pwd")
        first = self.url_open("/my/documents")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first.text.count("o_coup_document"), 80, "one page of 80")
        self.assertIn("/my/documents/page/2", first.text, "a pager")
        last = self.url_open("/my/documents/page/7")
        self.assertEqual(last.text.count("o_coup_document"), 500 - 6 * 80)
        # the newest first, every document once over the pages
        seen = set()
        for page in range(1, 8):
            seen.update(re.findall(r"Fiche \d{3}", self.url_open(
                "/my/documents/page/%d" % page).text))
        self.assertEqual(len(seen), 500)
