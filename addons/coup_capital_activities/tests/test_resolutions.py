import datetime

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.coup_capital.tests.common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestResolutions(CoupCapitalCase):
    """Kléla's general assembly adopts the year's ristournes: the distribution is approved
    under that resolution, and only an adopted resolution of its own general assembly will
    do."""

    _coup_prefix = "CapAg"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        begin = datetime.datetime(2027, 3, 1, 9, 0)

        def activity(name, kind, company):
            return cls.env["event.event"].create({
                "name": name, "company_id": company.id, "coup_kind": kind,
                "date_begin": begin, "date_end": begin + datetime.timedelta(hours=3)})
        assembly = activity("AG ordinaire 2027", "general_assembly", cls.coop_ml)
        board = activity("Conseil d'administration", "board_meeting", cls.coop_ml)
        colombia = activity("Asamblea general", "general_assembly", cls.coop_co)
        Resolution = cls.env["coup.activity.resolution"]
        cls.adopted = Resolution.create({"event_id": assembly.id, "name": "Ristournes 2026",
                                         "votes_for": 40, "votes_against": 3})
        cls.rejected = Resolution.create({"event_id": assembly.id, "name": "Ristournes à 10 %",
                                          "votes_for": 5, "votes_against": 38})
        cls.by_board = Resolution.create({"event_id": board.id, "name": "Ristournes (CA)",
                                          "votes_for": 7})
        cls.colombian = Resolution.create({"event_id": colombia.id, "name": "Excedentes",
                                           "votes_for": 20})
        cls.coop_ml.coup_distribution_resolution_required = True
        cls.subscribe(cls, cls.awa, cls.class_ml, 2).instalment_ids.action_pay()

    def make_run(self):
        run = self.env["coup.surplus.distribution"].with_user(self.manager_ml).create({
            "name": "Ristournes 2026", "company_id": self.coop_ml.id,
            "date_from": "2026-01-01", "date_to": "2026-12-31", "surplus": 100000})
        run.action_compute()
        return run

    def test_distribution_approved_under_the_adopted_resolution(self):
        run = self.make_run()
        with self.assertRaisesRegex(UserError, "resolution of its general assembly"):
            run.action_approve()
        for resolution, message in ((self.rejected, "was rejected"),
                                    (self.by_board, "not at a general assembly")):
            run.resolution_id = resolution
            with self.assertRaisesRegex(UserError, message):
                run.action_approve()
            self.assertEqual(run.state, "review")
        run.resolution_id = self.adopted
        run.action_approve()
        self.assertEqual(run.state, "approved")
        self.assertEqual(run.assembly_id.name, "AG ordinaire 2027")
        self.assertEqual(run.resolution, "AG ordinaire 2027 — Ristournes 2026")

    def test_not_required_unless_the_cooperative_says_so(self):
        self.coop_ml.coup_distribution_resolution_required = False
        run = self.make_run()
        run.action_approve()
        self.assertEqual(run.state, "approved")

    def test_resolution_of_another_cooperative_refused(self):
        run = self.make_run()
        with self.assertRaises(UserError):
            run.resolution_id = self.colombian
            run.action_approve()
        # the Malian manager does not even read the Colombian assembly's resolutions
        self.assertFalse(self.env["coup.activity.resolution"].with_user(self.manager_ml)
                         .search([("id", "=", self.colombian.id)]))

    def test_redemption_under_a_resolution_when_required(self):
        self.coop_ml.coup_redemption_resolution_required = True
        redemption = self.env["coup.share.redemption"].with_user(self.manager_ml).create({
            "company_id": self.coop_ml.id, "membership_id": self.awa.id,
            "share_class_id": self.class_ml.id, "quantity": 1})
        with self.assertRaisesRegex(UserError, "choose the adopted resolution"):
            redemption.action_approve()
        redemption.resolution_id = self.adopted
        redemption.action_approve()
        self.assertEqual(redemption.state, "approved")
