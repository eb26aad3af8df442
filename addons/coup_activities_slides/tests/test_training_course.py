from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.coup_activities.tests.common import ActivityCase


@tagged("post_install", "-at_install")
class TestTrainingCourse(ActivityCase):

    _coup_prefix = "Slides"

    def test_invitees_enrolled_and_completions_counted(self):
        course = self.env["slide.channel"].create({"name": "Compost en ligne",
                                                  "enroll": "invite"})
        training = self.make_activity("Formation compost", self.coop_ml, "training",
                                      coup_slide_channel_id=course.id)
        with self.assertRaisesRegex(UserError, "Nobody to enroll"):
            training.action_coup_enroll_invitees()
        self.invite(training, memberships=self.awa | self.bintou | self.siaka).action_invite()
        self.invitation(training, self.awa)._coup_answer(True, "portal")
        self.invitation(training, self.bintou)._coup_answer(True, "staff")
        training.action_coup_enroll_invitees()
        invitees = (self.awa | self.bintou | self.siaka).partner_id
        self.assertEqual(course.channel_partner_ids.partner_id & invitees,
                         (self.awa | self.bintou).partner_id, "those who accepted")
        self.assertEqual((training.coup_course_enrolled_count,
                          training.coup_course_completed_count), (2, 0))
        course.channel_partner_ids.filtered(
            lambda a: a.partner_id == self.awa.partner_id).sudo().member_status = "completed"
        training.invalidate_recordset()
        self.assertEqual(training.coup_course_completed_count, 1)
        other = self.make_activity("Sans cours", self.coop_ml, "training")
        self.assertEqual(other.coup_course_completed_count, 0)
        with self.assertRaisesRegex(UserError, "Choose the eLearning course"):
            other.action_coup_enroll_invitees()
