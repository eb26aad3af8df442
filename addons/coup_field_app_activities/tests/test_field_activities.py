"""Activities in the field app, through its routes: prepared with their invitees, attendance
by card and answers on paper applied to the invitations, and nothing of another cooperative."""
import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.coup_field_app.tests.common import FieldAppCase, new_uuid
from odoo.addons.coup_member_registry.tests.po_check import untranslated


@tagged("post_install", "-at_install")
class TestFieldActivities(FieldAppCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=5)
        Event, Registration = cls.env["event.event"], cls.env["event.registration"]
        cls.meeting, cls.meeting_co = Event.create([{
            "name": name, "company_id": company.id, "coup_kind": "training",
            "date_begin": begin, "date_end": begin + datetime.timedelta(hours=3)}
            for name, company in (("Réunion Kléla", cls.coop_ml),
                                  ("Reunión Vereda", cls.coop_co))])
        Registration.create(Registration._coup_invitation_vals(cls.meeting, cls.awa | cls.moussa)
                            + Registration._coup_invitation_vals(cls.meeting_co, cls.juan))

    def invitation(self, membership, event=None):
        return (event or self.meeting).coup_invitation_ids.filtered(
            lambda r: r.coup_membership_id == membership)

    def test_prepare_gives_open_activities_and_invitees(self):
        data = self.rpc("field_agent_ml", "/coup_field/prepare", {"villages": ["Kléla"]})
        self.assertEqual([a["name"] for a in data["activities"]], ["Réunion Kléla"])
        activity = data["activities"][0]
        self.assertEqual(activity["id"], self.meeting.id)
        self.assertEqual(sorted((i["name"], i["state"]) for i in activity["invitees"]),
                         [("Awa Koné", "invited"), ("Moussa Traoré", "invited")])
        # invitees outside the prepared villages are left out
        data = self.rpc("field_agent_ml", "/coup_field/prepare", {"villages": ["Sanzana"]})
        self.assertEqual(data["activities"][0]["invitees"], [])

    def test_attendance_by_card_and_contact(self):
        attendance = {"uuid": new_uuid(), "kind": "attendance", "payload": {
            "activity_id": self.meeting.id, "card": self.awa.member_number.lower()}}
        results = self.sync("field_agent_ml", [attendance, {
            "uuid": new_uuid(), "kind": "attendance", "payload": {
                "activity_id": self.meeting.id, "partner_id": self.fatou.partner_id.id}}])
        self.assertEqual([r["status"] for r in results], ["accepted", "accepted"])
        self.assertEqual(self.invitation(self.awa).coup_state, "attended")
        self.assertEqual(results[0]["res_id"], self.invitation(self.awa).id)
        # a member who came without an invitation is invited and marked
        self.assertEqual(self.invitation(self.fatou).coup_state, "attended")
        again = self.sync("field_agent_ml", [attendance])[0]
        self.assertEqual((again["status"], again["res_id"]), ("already", results[0]["res_id"]))

    def test_answers_collected_on_paper(self):
        results = self.sync("field_agent_ml", [
            {"uuid": new_uuid(), "kind": "answer", "payload": {
                "activity_id": self.meeting.id, "partner_id": self.awa.partner_id.id,
                "answer": "yes"}},
            {"uuid": new_uuid(), "kind": "answer", "payload": {
                "activity_id": self.meeting.id, "partner_id": self.moussa.partner_id.id,
                "answer": "maybe"}},
            {"uuid": new_uuid(), "kind": "answer", "payload": {
                "activity_id": self.meeting.id, "partner_id": self.fatou.partner_id.id,
                "answer": "no"}},
            {"uuid": new_uuid(), "kind": "answer", "payload": {
                "activity_id": self.meeting.id, "partner_id": self.awa.partner_id.id,
                "answer": "perhaps"}},
        ])
        self.assertEqual([r["status"] for r in results],
                         ["accepted", "accepted", "refused", "refused"])
        self.assertIn("not invited", results[2]["reason"])
        awa = self.invitation(self.awa)
        self.assertEqual((awa.coup_state, awa.coup_answer_channel), ("accepted", "field"))
        self.assertEqual(self.invitation(self.moussa).coup_state, "invited")
        # the activities' rules hold: no answer after the deadline
        self.meeting.coup_answer_deadline = fields.Datetime.now() - datetime.timedelta(days=1)
        late = self.sync("field_agent_ml", [{"uuid": new_uuid(), "kind": "answer", "payload": {
            "activity_id": self.meeting.id, "partner_id": self.moussa.partner_id.id,
            "answer": "no"}}])[0]
        self.assertEqual(late["status"], "refused")
        self.assertIn("closed", late["reason"])

    def test_another_cooperatives_activity_and_members_are_out_of_reach(self):
        results = self.sync("field_agent_ml", [
            {"uuid": new_uuid(), "kind": "attendance", "payload": {
                "activity_id": self.meeting_co.id, "partner_id": self.awa.partner_id.id}},
            {"uuid": new_uuid(), "kind": "attendance", "payload": {
                "activity_id": self.meeting.id, "partner_id": self.juan.partner_id.id}},
            {"uuid": new_uuid(), "kind": "answer", "payload": {
                "activity_id": self.meeting_co.id, "partner_id": self.juan.partner_id.id,
                "answer": "no"}},
        ])
        self.assertEqual([r["status"] for r in results], ["refused"] * 3)
        self.assertEqual(self.invitation(self.juan, self.meeting_co).coup_state, "invited")
        self.assertFalse(self.invitation(self.juan))
        # nor through a context naming the other cooperative
        self.authenticate("field_agent_co", "field_agent_co")
        result = self.make_jsonrpc_request("/coup_field/sync", {
            "batch": new_uuid(), "context": {"allowed_company_ids": [self.coop_ml.id]},
            "captures": [{"uuid": new_uuid(), "kind": "attendance", "payload": {
                "activity_id": self.meeting.id, "card": self.awa.member_number}}]})
        self.assertEqual(result["results"][0]["status"], "refused")
        self.assertEqual(self.invitation(self.awa).coup_state, "invited")
        data = self.make_jsonrpc_request("/coup_field/prepare", {"villages": ["La Vereda"]})
        self.assertEqual([a["id"] for a in data["activities"]], [self.meeting_co.id])

    def test_a_member_takes_no_attendance(self):
        result = self.sync("field_member", [{"uuid": new_uuid(), "kind": "attendance",
                                             "payload": {"activity_id": self.meeting.id,
                                                         "card": self.moussa.member_number}}])
        self.assertEqual(result[0]["status"], "refused")
        self.assertEqual(self.invitation(self.moussa).coup_state, "invited")

    def test_french_and_spanish_complete(self):
        self.assertEqual(untranslated("coup_field_app_activities"), [])
