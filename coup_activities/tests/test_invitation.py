import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestInvitation(ActivityCase):

    def test_invite_a_segment_counts_first_and_reinvites_only_new_members(self):
        women = self.env["coup.member.segment"].create(
            {"name": "Women", "company_id": self.coop_ml.id, "gender": "female"})
        wizard = self.invite(self.assembly, segments=women)
        self.assertEqual((wizard.new_count, wizard.already_count), (2, 0))
        wizard.action_invite()
        self.assertEqual(self.assembly.coup_invitation_ids.coup_membership_id,
                         self.awa | self.bintou)
        self.assertEqual(self.assembly.coup_unanswered_count, 2)
        # a woman joins; inviting the segment again adds her only
        fanta = self.make_member("Fanta Coulibaly", self.coop_ml, gender="female")
        wizard = self.invite(self.assembly, segments=women)
        self.assertEqual((wizard.new_count, wizard.already_count), (1, 2))
        wizard.action_invite()
        self.assertEqual(len(self.assembly.coup_invitation_ids), 3)
        self.assertIn(fanta, self.assembly.coup_invitation_ids.coup_membership_id)
        with self.assertRaisesRegex(UserError, "Everyone chosen is already invited"):
            self.invite(self.assembly, segments=women).action_invite()

    def test_resigned_and_other_cooperatives_members_are_not_invited(self):
        everyone = self.env["coup.member.segment"].create(
            {"name": "All", "company_id": self.coop_ml.id})
        wizard = self.invite(self.assembly, segments=everyone,
                             memberships=self.jorge | self.resigned)
        self.assertEqual(wizard.new_count, 4, "Awa, Siaka, Bintou and Issa")
        wizard.action_invite()
        self.assertNotIn(self.resigned, self.assembly.coup_invitation_ids.coup_membership_id)
        self.assertNotIn(self.jorge, self.assembly.coup_invitation_ids.coup_membership_id)
        with self.assertRaisesRegex(UserError, "which AG Kléla is not open to"):
            self.env["event.registration"].create(
                {"event_id": self.assembly.id, "coup_membership_id": self.jorge.id,
                 "partner_id": self.jorge.partner_id.id})

    def test_households_come_with_their_principal(self):
        wizard = self.invite(self.assembly, memberships=self.siaka, with_households=True)
        self.assertEqual(wizard.new_count, 2)
        wizard.action_invite()
        self.assertEqual(self.assembly.coup_invitation_ids.coup_membership_id,
                         self.siaka | self.child)

    def test_last_answer_counts_with_its_date(self):
        self.invite(self.assembly, memberships=self.awa).action_invite()
        invitation = self.invitation(self.assembly, self.awa)
        with freeze_time("2026-11-20 10:00:00"):
            invitation._coup_answer(True, "portal")
        self.assertEqual((invitation.coup_state, invitation.coup_answer_channel),
                         ("accepted", "portal"))
        with freeze_time("2026-11-21 08:30:00"):
            invitation._coup_answer(False, "sms")
        self.assertEqual((invitation.coup_state, invitation.coup_answer_channel),
                         ("declined", "sms"))
        self.assertEqual(invitation.coup_answer_date, datetime.datetime(2026, 11, 21, 8, 30))
        self.assertEqual((self.assembly.coup_accepted_count, self.assembly.coup_declined_count),
                         (0, 1))

    def test_no_answer_after_the_deadline_or_on_a_cancelled_activity(self):
        self.invite(self.assembly, memberships=self.awa | self.siaka).action_invite()
        self.assembly.coup_answer_deadline = self.assembly.date_begin - datetime.timedelta(days=2)
        with freeze_time(self.assembly.date_begin - datetime.timedelta(days=1)):
            with self.assertRaisesRegex(UserError, "Answers to AG Kléla closed on"):
                self.invitation(self.assembly, self.awa)._coup_answer(True, "portal")
        self.assertEqual(self.invitation(self.assembly, self.awa).coup_state, "invited")
        self.assembly.stage_id = self.env.ref("event.event_stage_cancelled")
        with self.assertRaisesRegex(UserError, "AG Kléla is cancelled"):
            self.invitation(self.assembly, self.siaka)._coup_answer(False, "staff")
        with self.assertRaisesRegex(UserError, "is cancelled: nobody can be invited"):
            self.invite(self.assembly, memberships=self.bintou).action_invite()

    def test_a_full_activity_puts_members_on_the_waiting_list(self):
        training = self.make_activity("Compost", self.coop_ml, seats_limited=True, seats_max=1)
        self.invite(training, memberships=self.awa | self.bintou).action_invite()
        awa, bintou = self.invitation(training, self.awa), self.invitation(training, self.bintou)
        awa.action_accept()
        bintou.action_accept()
        self.assertEqual((awa.coup_state, bintou.coup_state), ("accepted", "waiting"))
        awa.action_decline()
        self.assertEqual((awa.coup_state, bintou.coup_state), ("declined", "accepted"),
                         "the place given back goes to the waiting list")

    def test_attendance_by_member_card(self):
        self.invite(self.assembly, memberships=self.awa).action_invite()
        scan = self.env["coup.activity.attendance.scan"].create(
            {"event_id": self.assembly.id, "card": " %s " % self.awa.member_number.lower()})
        scan.action_scan()
        self.assertEqual(self.invitation(self.assembly, self.awa).coup_state, "attended")
        self.assertIn("Awa Diallo is present.", scan.last_message)
        # a member who came without being invited is recorded too
        scan.card = self.siaka.member_number
        scan.action_scan()
        self.assertEqual(self.invitation(self.assembly, self.siaka).coup_state, "attended")
        self.assertEqual(self.assembly.coup_attended_count, 2)
        for card in (self.jorge.member_number, "XX-999", ""):
            scan.card = card
            with self.assertRaisesRegex(UserError, "No member of Act Coop Mali has the card"):
                scan.action_scan()
        with self.assertRaisesRegex(UserError, "has taken place"):
            self.invitation(self.assembly, self.awa)._coup_answer(False, "portal")

    def test_booklet_and_dashboard(self):
        self.invite(self.assembly, memberships=self.awa | self.siaka | self.bintou).action_invite()
        self.invitation(self.assembly, self.awa)._coup_answer(True, "portal")
        self.invitation(self.assembly, self.siaka)._coup_answer(False, "staff")
        self.invitation(self.assembly, self.awa).action_mark_attended()
        self.invitation(self.assembly, self.bintou).action_mark_absent()
        self.env.flush_all()
        kinds = self.env["coup.member.booklet"].search(
            [("partner_id", "=", self.awa.partner_id.id)]).mapped("kind")
        for kind in ("activity_invited", "activity_answered", "activity_attended"):
            self.assertIn(kind, kinds)
        Dashboard = self.env["coup.dashboard"]
        with freeze_time(self.assembly.date_begin):
            figures = {f["key"]: f["values"] for f in Dashboard._coup_dashboard_figures(
                self.coop_ml | self.coop_co)}
        self.assertEqual(figures["activities_held"].get(self.coop_ml.id), 1)
        self.assertEqual(figures["invitations"][self.coop_ml.id], 3)
        self.assertEqual(figures["invitations_accepted"][self.coop_ml.id], 1, "Awa, who came")
        self.assertEqual(figures["invitations_declined"][self.coop_ml.id], 1)
        self.assertEqual(figures["attended"][self.coop_ml.id], 1)
        self.assertEqual(figures["attendance_rate"][self.coop_ml.id], 50)
        # Awa, who came, is a young woman
        self.assertEqual((figures["attended_women"].get(self.coop_ml.id),
                          figures["attended_youth"].get(self.coop_ml.id),
                          figures["attended_men"].get(self.coop_ml.id, 0)), (1, 1, 0))
        self.assertEqual(figures["invitations"][self.coop_co.id], 0)
        # the federation, with only itself in the company switcher, counts the same as the
        # cooperative's own dashboard (the event rules would hide the cooperative's events)
        manager = self.federation_manager
        with freeze_time(self.assembly.date_begin):
            data = Dashboard.with_user(manager).with_context(
                allowed_company_ids=self.federation.ids).get_dashboard_data()
        federation_figures = {f["key"]: f["values"] for f in data["figures"]}
        self.assertEqual(federation_figures["activities_held"][self.coop_ml.id], 1)
        self.assertEqual(federation_figures["invitations"][self.coop_ml.id], 3)

    def test_a_segment_of_the_invitees_who_have_not_answered(self):
        self.invite(self.assembly, memberships=self.awa | self.siaka | self.bintou).action_invite()
        self.invitation(self.assembly, self.awa)._coup_answer(True, "portal")
        Segment = self.env["coup.member.segment"]
        invitees = Segment.create({"name": "Invited", "company_id": self.coop_ml.id,
                                   "coup_event_id": self.assembly.id})
        waiting = Segment.create({"name": "Not answered", "company_id": self.coop_ml.id,
                                  "coup_event_id": self.assembly.id,
                                  "coup_invitation_state": "invited"})
        self.assertEqual(invitees.member_count, 3)
        self.assertEqual(waiting._get_memberships(), self.siaka | self.bintou)
        self.invitation(self.assembly, self.siaka)._coup_answer(False, "sms")
        self.assertEqual(waiting._get_memberships(), self.bintou)

    def test_without_a_deadline_answers_close_when_the_activity_begins(self):
        self.invite(self.assembly, memberships=self.awa).action_invite()
        self.assertFalse(self.assembly.coup_answer_deadline)
        invitation = self.invitation(self.assembly, self.awa)
        moved = datetime.timedelta(days=3)  # the activity is put off: answers follow it
        self.assembly.write({"date_begin": self.assembly.date_begin + moved,
                             "date_end": self.assembly.date_end + moved})
        with freeze_time(self.assembly.date_begin - datetime.timedelta(hours=1)):
            invitation._coup_answer(True, "portal")
        self.assertEqual(invitation.coup_state, "accepted")
        with freeze_time(self.assembly.date_begin + datetime.timedelta(minutes=30)), \
                self.assertRaisesRegex(UserError, "Answers to AG Kléla closed on"):
            invitation._coup_answer(False, "portal")
