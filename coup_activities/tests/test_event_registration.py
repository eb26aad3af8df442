"""Invitations are Odoo's registrations: what the Events app shows of an activity."""
import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.base.tests.test_ir_cron import CronMixinCase

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestInvitationsInTheEventsApp(ActivityCase, CronMixinCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.assembly.write({"seats_limited": True, "seats_max": 2})
        cls.env["coup.activity.invite"].create({
            "event_id": cls.assembly.id,
            "membership_ids": [(6, 0, (cls.awa | cls.siaka | cls.bintou).ids)]}).action_invite()

    def seats(self):
        self.assembly.invalidate_recordset()
        event = self.assembly
        return (len(event.registration_ids), event.seats_reserved, event.seats_used,
                event.seats_available)

    def test_the_events_app_counts_the_members_who_accepted_and_came(self):
        invitations = self.assembly.registration_ids
        self.assertEqual(invitations, self.assembly.coup_invitation_ids)
        self.assertEqual(set(invitations.mapped("state")), {"draft"}, "invited: unconfirmed")
        self.assertEqual(invitations.partner_id, (self.awa | self.siaka | self.bintou).partner_id)
        self.assertEqual(self.invitation(self.assembly, self.awa).name, "Awa Diallo")
        # attendees, taken seats, available seats: nobody has answered yet
        self.assertEqual(self.seats(), (3, 0, 0, 2))
        self.invitation(self.assembly, self.awa)._coup_answer(True, "portal")
        self.invitation(self.assembly, self.siaka)._coup_answer(True, "sms")
        self.assertEqual(self.seats(), (3, 2, 0, 0))
        self.assertTrue(self.assembly._coup_is_full())
        # the third one who accepts waits: Odoo's seat limit is never broken
        bintou = self.invitation(self.assembly, self.bintou)
        bintou._coup_answer(True, "portal")
        self.assertEqual((bintou.state, bintou.coup_state), ("draft", "waiting"))
        self.assertEqual(self.seats(), (3, 2, 0, 0))
        self.invitation(self.assembly, self.awa).action_mark_attended()
        self.assertEqual(self.seats(), (3, 1, 1, 0))
        # Siaka gives his seat back: the waiting list gets it, as confirmed attendee
        self.invitation(self.assembly, self.siaka)._coup_answer(False, "staff")
        self.assertEqual((bintou.state, bintou.coup_state), ("open", "accepted"))
        self.assertEqual(self.invitation(self.assembly, self.siaka).state, "cancel")
        self.assertEqual(self.seats(), (3, 1, 1, 0))
        self.assertEqual((self.assembly.coup_accepted_count, self.assembly.coup_attended_count,
                          self.assembly.coup_declined_count), (2, 1, 1))
        # Odoo's own seat check stands: staff cannot confirm one more over the limit
        with self.assertRaises(ValidationError):
            self.invitation(self.assembly, self.siaka).action_confirm()

    def test_an_invited_member_is_checked_in_at_the_desk(self):
        """Odoo's registration desk scans the badge: a member who never answered came."""
        self.coop_ml.coup_quorum_share = 50
        siaka = self.invitation(self.assembly, self.siaka)
        result = self.env["event.registration"].register_attendee(siaka.barcode,
                                                                  self.assembly.id)
        self.assertEqual(result["status"], "confirmed_registration")
        self.assertEqual((siaka.state, siaka.coup_state), ("done", "attended"))
        self.assertEqual(self.assembly.seats_used, 1)
        # and with the Events app's "Attended" button of the attendees list
        awa = self.invitation(self.assembly, self.awa)
        awa.action_set_done()
        self.assertEqual(awa.coup_state, "attended")
        self.assembly.invalidate_recordset()
        self.assertEqual((self.assembly.coup_quorum_needed, self.assembly.coup_quorum_present,
                          self.assembly.coup_quorum_reached), (2, 2, True))
        # the member card works at the desk too, for an invited member as for one who was not,
        # within the seats of the activity
        with self.assertRaisesRegex(ValidationError, "not enough seats"):
            self.env["event.registration"].register_attendee(self.child.member_number,
                                                             self.assembly.id)
        self.assembly.seats_max = 5
        child = self.env["event.registration"].register_attendee(
            self.child.member_number, self.assembly.id)
        self.assertEqual(child["status"], "confirmed_registration")
        self.assertEqual(self.invitation(self.assembly, self.child).coup_state, "attended")
        self.assertEqual(self.env["event.registration"].register_attendee(
            "XX-404", self.assembly.id), {"error": "invalid_ticket"})
        # the desk of another event does not check them in, nor a declined member
        bintou = self.invitation(self.assembly, self.bintou)
        other = self.make_activity("Formation", self.coop_ml)
        self.assertEqual(self.env["event.registration"].register_attendee(
            bintou.barcode, other.id)["status"], "unconfirmed_registration")
        bintou._coup_answer(False, "portal")
        self.assertEqual(self.env["event.registration"].register_attendee(
            bintou.barcode, self.assembly.id)["status"], "canceled_registration")
        self.assertEqual(bintou.coup_state, "declined")

    def test_the_events_app_confirms_an_acceptance_through_its_scheduler(self):
        """Odoo's "after registration" mail goes out for a member who accepts, from the
        scheduler's cron: the answer itself renders no mail nor badge."""
        after_sub = self.assembly.event_mail_ids.filtered(
            lambda m: m.interval_type == "after_sub" and m.notification_type == "mail")
        self.assertTrue(after_sub, "Odoo's default communication of an event")
        awa = self.invitation(self.assembly, self.awa)
        awa.email = "awa@example.com"  # a member with an address: mailed
        Mail = self.env["mail.mail"].sudo()
        mails = [("model", "=", "event.registration"), ("res_id", "=", awa.id)]
        siaka = self.invitation(self.assembly, self.siaka)
        siaka.email = "siaka@example.com"
        with self.capture_triggers("event.event_mail_scheduler") as triggers, \
                freeze_time("2026-12-05 10:00:12"):
            awa._coup_answer(True, "sms")
        with self.capture_triggers("event.event_mail_scheduler") as later, \
                freeze_time("2026-12-05 10:00:29.5"):
            siaka._coup_answer(True, "portal")
        self.assertEqual(len(triggers.records), 1, "the scheduler's cron is woken up")
        # for the start of the next half-minute: the answers of that half-minute share a run
        self.assertEqual(triggers.records.call_at, datetime.datetime(2026, 12, 5, 10, 0, 30))
        self.assertEqual(later.records.call_at, triggers.records.call_at)
        siaka._coup_answer(False, "portal")  # declined after all: not mailed below
        self.assertFalse(Mail.search(mails), "nothing rendered while answering")
        self.env["event.mail"].schedule_communications()
        self.assertTrue(Mail.search(mails), "the confirmation, from Odoo's scheduler")
        # a member who accepted then declined gets nothing
        self.assertFalse(Mail.search([("model", "=", "event.registration"),
                                      ("res_id", "=", self.invitation(self.assembly,
                                                                      self.siaka).id)]))

    def test_the_scheduler_renders_no_ticket_pdf_for_an_activity(self):
        """A general assembly's confirmations are mailed without rendering a PDF ticket per
        member in the cron worker; the mail's link renders it when the member opens it.
        Another event's mails keep Odoo's ticket attached."""
        Mail = self.env["mail.mail"].sudo()
        self.invitation(self.assembly, self.awa).email = "awa@example.com"
        self.invitation(self.assembly, self.awa)._coup_answer(True, "portal")
        fair = self.env["event.event"].create({
            "name": "Seed fair", "date_begin": self.assembly.date_begin,
            "date_end": self.assembly.date_end})
        guest = self.env["event.registration"].create({
            "event_id": fair.id, "partner_id": self.env["res.partner"].create(
                {"name": "Guest", "email": "guest@example.com"}).id})
        reports = self.env["ir.actions.report"]
        rendered = []
        original = type(reports)._render_qweb_pdf

        def render(report_self, report_ref, res_ids=None, data=None):
            rendered.append((report_ref, tuple(res_ids or ())))
            return original(report_self, report_ref, res_ids=res_ids, data=data)

        with patch.object(type(reports), "_render_qweb_pdf", render):
            self.env["event.mail"].schedule_communications()
        awa = self.invitation(self.assembly, self.awa)
        mail = Mail.search([("model", "=", "event.registration"), ("res_id", "=", awa.id)])
        self.assertTrue(mail, "the confirmation is mailed")
        self.assertFalse(mail.attachment_ids, "no ticket PDF rendered in the scheduler")
        self.assertIn("/event/%s/my_tickets" % self.assembly.id, mail.body_html,
                      "the ticket is there on download")
        self.assertNotIn(awa.id, [i for __, ids in rendered for i in ids])
        guest_mail = Mail.search([("model", "=", "event.registration"),
                                  ("res_id", "=", guest.id)])
        self.assertTrue(guest_mail.attachment_ids, "another event keeps Odoo's ticket")

    def test_no_mail_is_rendered_for_a_member_without_email(self):
        """A member without an email address (most members) gets no mail rendered for
        nobody; the scheduler counts them as done and goes on; a member with one gets it."""
        Mail = self.env["mail.mail"].sudo()
        awa = self.invitation(self.assembly, self.awa)
        awa._coup_answer(True, "portal")
        self.assertFalse(awa.email)
        composers = []
        original = type(self.env["mail.compose.message"])._action_send_mail

        def send(composer, *args, **kwargs):
            composers.append(composer.res_ids)
            return original(composer, *args, **kwargs)

        with patch.object(type(self.env["mail.compose.message"]), "_action_send_mail", send):
            self.env["event.mail"].schedule_communications()
        self.assertFalse(Mail.search([("model", "=", "event.registration"),
                                      ("res_id", "=", awa.id)]), "no mail rendered for nobody")
        self.assertNotIn(str(awa.id), "".join(str(ids) for ids in composers))
        sent = self.env["event.mail.registration"].search([("registration_id", "=", awa.id)])
        self.assertTrue(sent and all(sent.mapped("mail_sent")), "counted as done, not retried")
        # with an address, the same member's next confirmation is mailed
        siaka = self.invitation(self.assembly, self.siaka)
        siaka.email = "siaka@example.com"
        siaka._coup_answer(True, "portal")
        self.env["event.mail"].schedule_communications()
        self.assertTrue(Mail.search([("model", "=", "event.registration"),
                                     ("res_id", "=", siaka.id)]))

    def test_other_registrations_are_left_as_odoo_makes_them(self):
        guest = self.env["res.partner"].create({"name": "Guest of the coop"})
        registration = self.env["event.registration"].create(
            {"event_id": self.assembly.id, "partner_id": guest.id})
        self.assertEqual((registration.state, registration.coup_state), ("open", False))
        self.assertNotIn(registration, self.assembly.coup_invitation_ids)
        self.assertEqual(self.assembly.coup_invited_count, 3)
        self.assertEqual(self.seats(), (4, 1, 0, 1), "the guest takes a seat")
        self.assertFalse(registration._coup_check_link_token(registration._coup_link_token()),
                         "no signed link answers a registration that is no invitation")
