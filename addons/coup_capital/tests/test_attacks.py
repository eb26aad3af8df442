from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CoupCapitalCase


@tagged("post_install", "-at_install")
class TestAttacks(CoupCapitalCase):

    def test_beyond_maximum(self):
        self.subscribe(self.awa, self.class_ml, 8)
        with self.assertRaisesRegex(ValidationError, "11 shares of Part sociale.*10 at most"):
            self.subscribe(self.awa, self.class_ml, 3)
        # two subscriptions confirmed together are counted together
        first = self.subscribe(self.moussa, self.class_ml, 6, confirm=False)
        second = self.subscribe(self.moussa, self.class_ml, 6, confirm=False)
        with self.assertRaises(ValidationError):
            (first | second).action_confirm()
        self.assertEqual((first | second).mapped("state"), ["draft", "draft"])
        self.assertFalse(self.env["coup.share.movement"].search(
            [("membership_id", "=", self.moussa.id)]))

    def test_affiliated_maximum(self):
        child = self.make_member("Ami Coulibaly", self.coop_ml, membership_type="affiliated",
                                 principal_membership_id=self.awa.id, relation="child")
        with self.assertRaisesRegex(ValidationError, "2 at most"):
            self.subscribe(child, self.class_ml, 3)

    def test_redeem_twice(self):
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()
        vals = {"company_id": self.coop_ml.id, "membership_id": self.awa.id,
                "share_class_id": self.class_ml.id, "quantity": 2}
        Redemption = self.env["coup.share.redemption"].with_user(self.manager_ml)
        first, second = Redemption.create([vals, vals])
        first.action_approve()
        with self.assertRaisesRegex(UserError, "decided"):
            first.action_approve()
        with self.assertRaisesRegex(ValidationError, "holds 0 shares"):
            second.action_approve()
        self.assertEqual(second.state, "draft")

    def test_transfer_to_another_cooperative(self):
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()
        with self.assertRaises(UserError):
            transfer = self.env["coup.share.transfer"].create({
                "company_id": self.coop_ml.id, "from_membership_id": self.awa.id,
                "to_membership_id": self.diego.id, "share_class_id": self.class_ml.id,
                "quantity": 1})
            transfer.action_approve()
        # the Malian manager does not even see the Colombian member
        with self.assertRaises(AccessError):
            self.diego.with_user(self.manager_ml).check_access("read")

    def test_transfer_unpaid_shares_refused(self):
        self.subscribe(self.awa, self.class_ml, 2, instalments=2)
        transfer = self.env["coup.share.transfer"].with_user(self.manager_ml).create({
            "company_id": self.coop_ml.id, "from_membership_id": self.awa.id,
            "to_membership_id": self.moussa.id, "share_class_id": self.class_ml.id,
            "quantity": 1})
        with self.assertRaisesRegex(ValidationError, "fully paid"):
            transfer.action_approve()

    def test_staff_user_cannot_approve(self):
        self.subscribe(self.awa, self.class_ml, 2).instalment_ids.action_pay()
        redemption = self.env["coup.share.redemption"].with_user(self.user_ml).create({
            "company_id": self.coop_ml.id, "membership_id": self.awa.id,
            "share_class_id": self.class_ml.id, "quantity": 1})
        with self.assertRaisesRegex(UserError, "manager"):
            redemption.action_approve()

    def test_confirmed_movement_rpc_context_keys(self):
        """A staff user, whatever the context keys, neither changes nor deletes a line of
        the register, nor creates one already confirmed."""
        self.subscribe(self.awa, self.class_ml, 2)
        movement = self.env["coup.share.movement"].search(
            [("membership_id", "=", self.awa.id)])
        for context in ({}, {"coup_system": True}, {"coup_system": "1"},
                        {"install_mode": True, "module": "coup_capital"}):
            as_staff = movement.with_user(self.manager_ml).with_context(**context)
            with self.assertRaises(UserError):
                as_staff.write({"quantity": 20})
            with self.assertRaises(UserError):
                as_staff.unlink()
            with self.assertRaises(UserError):
                as_staff.create({
                    "company_id": self.coop_ml.id, "membership_id": self.awa.id,
                    "share_class_id": self.class_ml.id, "kind": "subscribed",
                    "quantity": 5, "state": "confirmed"})
        with self.assertRaises(UserError):
            self.subscribe(self.awa, self.class_ml, 1).instalment_ids.with_user(
                self.manager_ml).write({"state": "paid"})
        self.assertEqual(movement.quantity, 2)

    def test_other_cooperative_isolated(self):
        self.subscribe(self.diego, self.class_co, 2)
        Movement = self.env["coup.share.movement"].with_user(self.manager_ml)
        self.assertFalse(Movement.search([("membership_id", "=", self.diego.id)]))
        self.assertFalse(self.env["coup.share.class"].with_user(self.manager_ml).search(
            [("id", "=", self.class_co.id)]))
        with self.assertRaises(AccessError):
            self.env["coup.share.subscription"].with_user(self.manager_ml).create({
                "company_id": self.coop_co.id, "membership_id": self.diego.id,
                "share_class_id": self.class_co.id, "quantity": 1})

    def test_one_approval_for_subscriptions_transfers_redemptions(self):
        """The three decisions behave alike: who decided and when, frozen once decided,
        refused only while pending, kept in the register once approved."""
        subscription = self.subscribe(self.awa, self.class_ml, 2)
        subscription.instalment_ids.action_pay()
        Transfer = self.env["coup.share.transfer"].with_user(self.manager_ml)
        Redemption = self.env["coup.share.redemption"].with_user(self.manager_ml)
        common = {"company_id": self.coop_ml.id, "share_class_id": self.class_ml.id,
                  "quantity": 1}
        transfer = Transfer.create(dict(common, from_membership_id=self.awa.id,
                                        to_membership_id=self.moussa.id))
        transfer.action_approve()
        redemption = Redemption.create(dict(common, membership_id=self.moussa.id))
        redemption.action_approve()
        for record in (subscription, transfer, redemption):
            self.assertEqual(record.approver_id, self.manager_ml, record._name)
            self.assertTrue(record.decision_date)
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                record.with_user(self.manager_ml).write({"date": "2026-02-01"})
            with self.assertRaisesRegex(UserError, "stays in the share register"):
                record.with_user(self.manager_ml).unlink()
            with self.assertRaisesRegex(UserError, "decided already"):
                record.with_user(self.manager_ml).action_refuse()
        pending = Redemption.create(dict(common, membership_id=self.awa.id))
        pending.with_user(self.user_ml).action_refuse()
        self.assertEqual((pending.state, pending.approver_id), ("refused", self.user_ml))
        with self.assertRaisesRegex(UserError, "decided already"):
            pending.action_approve()
        pending.unlink()
