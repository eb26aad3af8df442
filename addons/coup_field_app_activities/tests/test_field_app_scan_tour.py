"""Attendance by the phone's camera, in Chromium with the network cut: the camera is a real
video stream of a member card's QR code, read by Odoo's own barcode scanner (ZXing: Chromium
on Linux has no BarcodeDetector); an answer collected on paper; both synced to the real
invitations."""
import datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.coup_field_app.tests.common import FieldAppCase
from odoo.addons.coup_field_app.tests.test_field_app_tours import NetworkSwitch


@tagged("post_install", "-at_install")
class TestFieldAppScanTour(FieldAppCase):

    def test_attendance_by_camera_offline(self):
        begin = fields.Datetime.now().replace(microsecond=0) + datetime.timedelta(days=5)
        meeting = self.env["event.event"].create({
            "name": "Réunion Kléla", "company_id": self.coop_ml.id, "coup_kind": "training",
            "date_begin": begin, "date_end": begin + datetime.timedelta(hours=3)})
        Registration = self.env["event.registration"]
        invitations = Registration.create(
            Registration._coup_invitation_vals(meeting, self.awa | self.moussa))
        # Awa answered yes at the office before the village was prepared
        invitations.filtered(lambda r: r.coup_membership_id == self.awa)._coup_answer(
            True, "staff")
        switch = NetworkSwitch()
        patches = switch.patches()
        for item in patches:
            item.start()
        try:
            self.start_tour("/coup_field", "coup_field_app_scan_tour", login="field_agent_ml",
                            timeout=180)
        finally:
            for item in patches:
                item.stop()
        # nothing reached the server while the network was cut
        self.assertNotIn("/coup_field/sync", switch.refused)
        invitations = meeting.coup_invitation_ids
        awa = invitations.filtered(lambda r: r.coup_membership_id == self.awa)
        moussa = invitations.filtered(lambda r: r.coup_membership_id == self.moussa)
        self.assertEqual(awa.coup_state, "attended")
        self.assertEqual((moussa.coup_state, moussa.coup_answer_channel), ("accepted", "field"))
        captures = self.env["coup.field.capture"].search([("user_id", "=", self.agent_ml.id)])
        self.assertEqual(sorted((c.kind, c.state) for c in captures), [
            ("answer", "accepted"), ("attendance", "accepted"), ("attendance", "refused")])
        self.assertIn("ZZ-404", captures.filtered(lambda c: c.state == "refused").reason)
