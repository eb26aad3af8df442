import datetime
import re

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestActivityPortal(ActivityCase, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["coup.activity.invite"].create({
            "event_id": cls.assembly.id,
            "membership_ids": [(6, 0, (cls.awa | cls.siaka).ids)]}).action_invite()
        cls.awa_user = new_test_user(cls.env, "act_awa", password="act_awa_pwd",
                                     groups="base.group_portal", name="Awa Diallo",
                                     partner_id=cls.awa.partner_id.id,
                                     company_id=cls.coop_ml.id,
                                     company_ids=[(6, 0, cls.coop_ml.ids)])

    def csrf_token(self, url="/my/invitations"):
        """The CSRF token of a page, as the member's browser posts it back."""
        return re.search(r'csrf_token: "([^"]+)"', self.url_open(url).text).group(1)

    def test_member_sees_and_answers_own_invitations(self):
        self.authenticate("act_awa", "act_awa_pwd")
        page = self.url_open("/my/invitations")
        self.assertEqual(page.status_code, 200)
        self.assertIn("AG Kléla", page.text)
        own = self.invitation(self.assembly, self.awa)
        siaka = self.invitation(self.assembly, self.siaka)
        response = self.url_open("/my/invitations/%s/answer" % own.id,
                                 data={"answer": "yes", "csrf_token": self.csrf_token()})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you, your answer is recorded.", response.text)
        self.assertEqual((own.coup_state, own.coup_answer_channel), ("accepted", "portal"))
        # another member's invitation by changing the id in the URL: not found, unchanged
        response = self.url_open("/my/invitations/%s/answer" % siaka.id,
                                 data={"answer": "no", "csrf_token": self.csrf_token()})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(siaka.coup_state, "invited")

    def test_the_invitations_read_in_the_members_language(self):
        """A member reading in French: the activity's day and hour in their time zone, the
        answer's deadline and the invitation's state, as Odoo's widgets and the module's
        translations give them."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["coup_member_registry", "coup_activities"], ["fr_FR"], overwrite=True)
        if "website" in self.env:  # the portal in the website's layout, in its languages
            self.env["website"].get_current_website().language_ids |= \
                self.env["res.lang"]._lang_get("fr_FR")
        # in Bogotá, five hours behind UTC: late at night in UTC is the evening before
        self.awa.partner_id.write({"lang": "fr_FR", "tz": "America/Bogota"})
        self.assembly.write({
            "date_begin": datetime.datetime(2031, 3, 1, 2, 30),
            "date_end": datetime.datetime(2031, 3, 1, 6, 0),
            "coup_answer_deadline": datetime.datetime(2031, 2, 27, 18, 45)})
        self.authenticate("act_awa", "act_awa_pwd")
        page = self.url_open("/fr/my/invitations").text
        text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
        self.assertIn("28/02/2031 21:30", text)  # in Bogotá, the evening before (UTC 02:30)
        self.assertIn("Répondre avant le 27/02/2031 13:45", text)
        self.assertIn("Invité", text)
        self.assertNotIn("Invited", text)

    def test_another_members_invitation_over_rpc(self):
        """What a curious member tries with the ids of the web client's RPC."""
        self.authenticate("act_awa", "act_awa_pwd")
        siaka = self.invitation(self.assembly, self.siaka)

        def call(method, *args, **kwargs):
            return self.make_jsonrpc_request("/web/dataset/call_kw", {
                "model": "event.registration", "method": method, "args": list(args),
                "kwargs": kwargs})
        for method, args in (("read", ([siaka.id], ["state", "partner_id"])),
                             ("write", ([siaka.id], {"state": "open"})),
                             ("action_accept", ([siaka.id],)),
                             ("action_mark_attended", ([siaka.id],))):
            with self.subTest(method=method), \
                    self.assertRaisesRegex(JsonRpcException, "AccessError"):
                call(method, *args)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            call("action_accept", [self.invitation(self.assembly, self.awa).id])
        # nor does she check herself in with the registration desk's method
        own = self.invitation(self.assembly, self.awa)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            call("register_attendee", own.barcode, self.assembly.id)
        self.assertEqual(own.coup_state, "invited")
        self.assertEqual(call("search", [("event_id", "=", self.assembly.id)]),
                         [self.invitation(self.assembly, self.awa).id])
        self.assertEqual(siaka.coup_state, "invited")

    def test_answer_after_deadline_says_why(self):
        self.assembly.coup_answer_deadline = fields.Datetime.now() - datetime.timedelta(hours=1)
        self.authenticate("act_awa", "act_awa_pwd")
        own = self.invitation(self.assembly, self.awa)
        page = self.url_open("/my/invitations")
        self.assertNotIn("I will come", page.text, "no buttons once answers are closed")
        response = self.url_open("/my/invitations/%s/answer" % own.id,
                                 data={"answer": "yes", "csrf_token": self.csrf_token()})
        self.assertIn("Answers to AG Kléla closed on", response.text)
        self.assertEqual(own.coup_state, "invited")

    def test_signed_link_answers_without_login(self):
        own = self.invitation(self.assembly, self.awa)
        page = self.url_open(own._coup_answer_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Hello Awa Diallo", page.text)
        # the page's form posts back to the same signed URL (the link carries the proof)
        response = self.url_open(own._coup_answer_url(), data={
            "answer": "no", "csrf_token": self.csrf_token(own._coup_answer_url())})
        self.assertIn("Thank you, your answer is recorded.", response.text)
        self.assertEqual((own.coup_state, own.coup_answer_channel), ("declined", "link"))
        siaka = self.invitation(self.assembly, self.siaka)
        forged = "/coup/invitation/%s/%s" % (siaka.id, own._coup_link_token())
        for url in (forged, "/coup/invitation/%s/nonsense" % own.id,
                    "/coup/invitation/999999/%s" % own._coup_link_token()):
            page = self.url_open(url)
            self.assertIn("This invitation link is not valid", page.text)
            self.assertNotIn("Siaka", page.text)
        self.assertEqual(siaka.coup_state, "invited")

    def test_attendance_by_card_at_the_door(self):
        self.awa.member_number = "ML-00001"
        self.start_tour("/odoo/action-coup_activities.coup_activity_action/%s" % self.assembly.id,
                        "coup_activities_attendance_by_card", login=self.manager_ml.login)
        self.assertEqual(self.invitation(self.assembly, self.awa).coup_state, "attended")

    def test_member_accepts_on_a_phone(self):
        self.browser_size = "375x667"
        self.start_tour("/my/invitations", "coup_activities_portal_accept", login="act_awa")
        self.assertEqual(self.invitation(self.assembly, self.awa).coup_state, "accepted")
