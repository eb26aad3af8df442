from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestActivitySecurity(ActivityCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee = cls.make_activity("Comité de jóvenes", cls.coop_co, "committee_meeting")
        cls.env["coup.activity.invite"].create({
            "event_id": cls.assembly.id,
            "membership_ids": [(6, 0, (cls.awa | cls.siaka).ids)]}).action_invite()
        cls.env["coup.activity.invite"].create({
            "event_id": cls.committee.id,
            "membership_ids": [(6, 0, cls.jorge.ids)]}).action_invite()
        cls.resolution = cls.env["coup.activity.resolution"].create(
            {"event_id": cls.assembly.id, "name": "Comptes"})
        # the member's portal user belongs to their cooperative (Odoo's multi-company rule on
        # registrations lets it read that cooperative's only)
        cls.awa_user = new_test_user(cls.env, "act_awa_portal", groups="base.group_portal",
                                     name="Awa Diallo", partner_id=cls.awa.partner_id.id,
                                     company_id=cls.coop_ml.id,
                                     company_ids=[(6, 0, cls.coop_ml.ids)])

    def test_staff_see_only_their_cooperatives_activities(self):
        Invitation = self.env["event.registration"]
        self.assertEqual(Invitation.with_user(self.manager_ml).search([]).event_id, self.assembly)
        self.assertEqual(Invitation.with_user(self.user_co).search([]).event_id, self.committee)
        with self.assertRaises(AccessError):
            self.assembly.coup_invitation_ids.with_user(self.user_co).read(["state"])
        with self.assertRaises(AccessError):
            self.resolution.with_user(self.user_co).read(["name"])
        with self.assertRaises(AccessError):
            self.assembly.with_user(self.user_co).read(["name"])
        # staff cannot answer for a sister cooperative's member either
        with self.assertRaises(AccessError):
            self.committee.coup_invitation_ids.with_user(self.manager_ml).action_accept()

    def test_federation_manager_sees_both(self):
        invitations = self.env["event.registration"].with_user(
            self.federation_manager).with_context(
            allowed_company_ids=(self.federation | self.coop_ml | self.coop_co).ids).search([])
        self.assertEqual(invitations.event_id, self.assembly | self.committee)

    def test_portal_member_reads_and_answers_only_their_own(self):
        Invitation = self.env["event.registration"].with_user(self.awa_user)
        own = Invitation.search([])
        self.assertEqual(own.coup_membership_id, self.awa)
        siaka = self.invitation(self.assembly, self.siaka)
        with self.assertRaises(AccessError):
            siaka.with_user(self.awa_user).read(["state"])
        for method in ("action_accept", "action_decline", "action_mark_attended", "write"):
            with self.assertRaises(AccessError):
                args = [{"state": "open"}] if method == "write" else []
                getattr(siaka.with_user(self.awa_user), method)(*args)
        self.assertEqual(siaka.coup_state, "invited")
        with self.assertRaises(AccessError):
            self.resolution.with_user(self.awa_user).read(["name"])

    def test_signed_links_are_per_invitation(self):
        awa, siaka = self.invitation(self.assembly, self.awa), self.invitation(self.assembly,
                                                                              self.siaka)
        self.assertTrue(awa._coup_check_link_token(awa._coup_link_token()))
        self.assertFalse(siaka._coup_check_link_token(awa._coup_link_token()))
        self.assertFalse(awa._coup_check_link_token(""))
        token = awa._coup_link_token()
        tampered = token[:-1] + ("1" if token[-1] == "0" else "0")
        self.assertFalse(awa._coup_check_link_token(tampered))
