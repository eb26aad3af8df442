from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestActivitiesDemo(TransactionCase):
    """The demo a cooperative is shown: Kléla's general assembly with answers, AgroEmprende's
    youth committee, a training with a shared video."""

    def setUp(self):
        super().setUp()
        module = self.env["ir.module.module"].search([("name", "=", "coup_activities")])
        if not module.demo:
            self.skipTest("the demo data of coup_activities is not loaded")

    def test_demo_activities(self):
        assembly = self.env.ref("coup_activities.event_klela_general_assembly")
        self.assertEqual(assembly.coup_kind, "general_assembly")
        self.assertEqual(assembly.organizer_id, assembly.company_id.partner_id)
        self.assertGreater(assembly.coup_invited_count, 10)
        self.assertEqual((assembly.coup_accepted_count >= 2, assembly.coup_declined_count),
                         (True, 1))
        self.assertGreater(assembly.coup_quorum_needed, 0)
        committee = self.env.ref("coup_activities.committee_agroemprende_youth")
        self.assertEqual(committee.current_member_count, 3)
        self.assertEqual(self.env.ref("coup_activities.event_agroemprende_youth_committee")
                         .coup_committee_id, committee)
        video = self.env.ref("coup_activities.document_compost_video")
        self.assertEqual(video.share_count,
                         self.env.ref("coup_activities.event_klela_training_compost")
                         .coup_invited_count)
