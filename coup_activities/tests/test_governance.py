from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestGovernance(ActivityCase):

    def test_quorum_of_a_general_assembly_follows_attendance(self):
        # active principal members of the Malian coop: Awa, Siaka, Bintou (Issa is affiliated,
        # Moussa resigned); half of them, rounded up, must attend
        self.coop_ml.coup_quorum_share = 50
        self.invite(self.assembly, memberships=self.awa | self.siaka | self.child).action_invite()
        self.assertEqual(self.assembly.coup_quorum_needed, 2)
        self.assertFalse(self.assembly.coup_quorum_reached)
        self.invitation(self.assembly, self.awa).action_mark_attended()
        self.invitation(self.assembly, self.child).action_mark_attended()
        self.assembly.invalidate_recordset()
        self.assertEqual(self.assembly.coup_quorum_present, 1,
                         "an affiliated member does not count")
        self.assertFalse(self.assembly.coup_quorum_reached)
        self.invitation(self.assembly, self.siaka).action_mark_attended()
        self.assembly.invalidate_recordset()
        self.assertTrue(self.assembly.coup_quorum_reached)
        self.coop_ml.coup_quorum_share = 100
        self.assembly.invalidate_recordset()
        self.assertEqual(self.assembly.coup_quorum_needed, 3)
        self.assertFalse(self.assembly.coup_quorum_reached)
        training = self.make_activity("Compost", self.coop_ml)
        self.assertEqual(training.coup_quorum_needed, 0, "only general assemblies have one")

    def test_resolutions_and_their_votes(self):
        self.invite(self.assembly, memberships=self.awa | self.siaka | self.bintou).action_invite()
        self.assembly.coup_invitation_ids.action_mark_attended()
        Resolution = self.env["coup.activity.resolution"]
        accounts = Resolution.create({"event_id": self.assembly.id, "name": "Comptes 2025",
                                      "votes_for": 2, "votes_against": 1})
        self.assertEqual(accounts.result, "adopted")
        accounts.write({"votes_for": 1, "votes_against": 2})
        self.assertEqual(accounts.result, "rejected")
        with self.assertRaisesRegex(ValidationError, "4 votes counted, but only 3 members"):
            accounts.write({"votes_for": 3, "votes_against": 1})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            Resolution.create({"event_id": self.assembly.id, "name": "X", "votes_for": -1})

    def test_quorum_rule_is_a_share(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.coop_ml.coup_quorum_share = 120
            self.env.flush_all()
