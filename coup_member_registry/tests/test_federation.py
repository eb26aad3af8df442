from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import SQL

from .common import CoupCase


@tagged("post_install", "-at_install")
class TestFederation(CoupCase):
    """Independent cooperatives, each with its own currency, in a federation of their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa = cls.make_member("Awa Traoré", cls.coop_ml, gender="female")
        cls.jorge = cls.make_member("Jorge Muñoz", cls.coop_co, gender="male")
        cls.Link = cls.env["coup.federation.membership"]
        cls.today = fields.Date.context_today(cls.Link)

    def _link(self, cooperative, federation=None):
        return self.Link.search([("federation_id", "=", (federation or self.federation).id),
                                 ("company_id", "=", cooperative.id)])

    def test_cooperatives_keep_their_own_currency(self):
        self.assertFalse(self.coop_ml.parent_id or self.coop_co.parent_id)
        self.assertEqual(self.coop_ml.currency_id, self.env.ref("base.XOF"))
        self.assertEqual(self.coop_co.currency_id, self.env.ref("base.COP"))
        self.assertEqual(self.federation.currency_id, self.env.ref("base.EUR"))
        self.assertEqual(self.federation.coup_member_company_ids, self.coop_ml | self.coop_co)
        # a root company changes its currency without touching its sister's
        self.coop_co.currency_id = self.env.ref("base.USD")
        self.assertEqual(self.coop_ml.currency_id, self.env.ref("base.XOF"))

    def test_federation_manager_gets_member_cooperatives(self):
        """Given only the federation, the manager works in its cooperatives."""
        manager = self.federation_manager
        self.assertEqual(manager.company_ids, self.federation | self.coop_ml | self.coop_co)
        self.assertEqual(manager.coup_federation_company_ids, self.coop_ml | self.coop_co)
        # selecting the federation is enough to see the cooperatives' members
        memberships = self.env["coup.membership"].with_user(manager).with_company(
            self.federation).search([])
        self.assertEqual(memberships & (self.awa | self.jorge), self.awa | self.jorge)
        # cooperative staff get nothing of the kind
        self.assertEqual(self.manager_ml.company_ids, self.coop_ml)
        self.assertFalse(self.manager_ml.coup_federation_company_ids)

    def test_cooperative_that_leaves_drops_out(self):
        self._link(self.coop_co).action_leave()
        manager = self.federation_manager
        self.assertEqual(manager.company_ids, self.federation | self.coop_ml)
        self.assertEqual(self.federation.coup_member_company_ids, self.coop_ml)
        self.assertFalse(self.env["coup.membership"].with_user(manager).with_company(
            self.federation).search([("id", "=", self.jorge.id)]))
        with self.assertRaises(AccessError):
            self.jorge.with_user(manager).with_company(self.federation).read(["member_number"])
        # the history stays
        link = self.Link.with_context(active_test=False).search(
            [("company_id", "=", self.coop_co.id)])
        self.assertEqual(link.date_end, self.today)
        self.assertFalse(link.is_current)

    def test_cooperative_joins_another_federation(self):
        other = self.env["res.company"].create({
            "name": "Test Other Union", "coup_is_federation": True,
            "currency_id": self.env.ref("base.USD").id})
        other_manager = new_test_user(
            self.env, "test_other_union", company_id=other.id, company_ids=[other.id],
            groups="coup_member_registry.group_coup_federation_manager")
        self._link(self.coop_co).date_end = self.today - timedelta(days=1)
        self.Link.create({"federation_id": other.id, "company_id": self.coop_co.id,
                          "date_start": self.today})
        self.assertEqual(other_manager.company_ids, other | self.coop_co)
        self.assertEqual(self.federation_manager.company_ids, self.federation | self.coop_ml)
        history = self.Link.search([("company_id", "=", self.coop_co.id)])
        self.assertEqual(history.federation_id, self.federation | other)

    def test_join_dates_take_effect_on_their_day(self):
        """A cooperative that joins from a future date is counted from that day on."""
        newcomer = self.env["res.company"].create({"name": "Test Coop Later"})
        start = self.today + timedelta(days=3)
        self.Link.create({"federation_id": self.federation.id, "company_id": newcomer.id,
                          "date_start": start})
        self.assertNotIn(newcomer, self.federation_manager.company_ids)
        with freeze_time(start):
            self.env["res.users"]._cron_coup_sync_federation_companies()
            self.assertIn(newcomer, self.federation_manager.company_ids)
            self.assertIn(newcomer, self.federation.with_context(
                date=start).coup_member_company_ids)

    def test_manager_by_hand_keeps_what_was_given_by_hand(self):
        """A company given by hand is not taken back when the cooperative leaves."""
        hands_on = new_test_user(
            self.env, "test_hands_on", company_id=self.federation.id,
            company_ids=[self.federation.id, self.coop_co.id],
            groups="coup_member_registry.group_coup_federation_manager")
        self.assertEqual(hands_on.coup_federation_company_ids, self.coop_ml)
        self._link(self.coop_co).action_leave()
        self._link(self.coop_ml).action_leave()
        self.assertEqual(hands_on.company_ids, self.federation | self.coop_co)

    def test_losing_the_role_loses_the_cooperatives(self):
        group = self.env.ref("coup_member_registry.group_coup_federation_manager")
        self.federation_manager.write({"groups_id": [Command.unlink(group.id)]})
        self.assertEqual(self.federation_manager.company_ids, self.federation)
        group.write({"users": [Command.link(self.federation_manager.id)]})
        self.assertEqual(self.federation_manager.company_ids,
                         self.federation | self.coop_ml | self.coop_co)

    def test_union_in_a_confederation(self):
        """A confederation's managers reach the cooperatives of its member unions."""
        Company = self.env["res.company"]
        confederation = Company.create({"name": "Test Confederation",
                                        "coup_is_federation": True})
        self.Link.create({"federation_id": confederation.id,
                          "company_id": self.federation.id})
        boss = new_test_user(
            self.env, "test_confederation", company_id=confederation.id,
            company_ids=[confederation.id],
            groups="coup_member_registry.group_coup_federation_manager")
        self.assertEqual(boss.company_ids,
                         confederation | self.federation | self.coop_ml | self.coop_co)
        # and no cycle: the federation cannot take its confederation in
        with self.assertRaises(ValidationError):
            self.Link.create({"federation_id": self.federation.id,
                              "company_id": confederation.id})

    def test_bad_links_are_refused(self):
        plain = self.env["res.company"].create({"name": "Test Plain Coop"})
        with self.assertRaisesRegex(ValidationError, "Test Plain Coop is not a union"):
            self.Link.create({"federation_id": plain.id, "company_id": self.coop_ml.id})
        with self.assertRaisesRegex(ValidationError, "already a member"):
            self.Link.create({"federation_id": self.federation.id,
                              "company_id": self.coop_ml.id, "date_start": self.today})
        branch = self.env["res.company"].create({"name": "Test ML Collection Centre",
                                                 "parent_id": self.coop_ml.id})
        with self.assertRaisesRegex(ValidationError, "is a branch of"):
            self.Link.create({"federation_id": self.federation.id, "company_id": branch.id})
        with self.assertRaisesRegex(ValidationError, "stays a federation"):
            self.federation.coup_is_federation = False

    def test_branches_come_with_their_cooperative(self):
        """A cooperative's own collection centre (an Odoo branch) shares its books and comes
        with it to the federation's managers."""
        branch = self.env["res.company"].create({"name": "Test ML Collection Centre",
                                                 "parent_id": self.coop_ml.id})
        self.assertEqual(branch.currency_id, self.coop_ml.currency_id)
        self.env["res.users"]._coup_sync_federation_companies_all()
        self.assertIn(branch, self.federation_manager.company_ids)

    def test_only_who_works_in_both_records_a_membership(self):
        """Joining a federation opens the cooperative to its managers: a federation manager
        cannot pull in a cooperative they do not already work in."""
        stranger = self.env["res.company"].create({"name": "Test Stranger Coop"})
        Link = self.Link.with_user(self.federation_manager).with_company(self.federation)
        with self.assertRaisesRegex(AccessError, "Test Stranger Coop"):
            Link.create({"federation_id": self.federation.id, "company_id": stranger.id})
        with self.assertRaises(AccessError):
            self.Link.with_user(self.manager_ml).create(
                {"federation_id": self.federation.id, "company_id": self.coop_ml.id})
        # the federation manager records a member cooperative leaving, not deleting it
        with self.assertRaisesRegex(UserError, "record the date it left"):
            Link.browse(self._link(self.coop_ml).id).unlink()
        Link.browse(self._link(self.coop_ml).id).action_leave()
        self.assertNotIn(self.coop_ml, self.federation_manager.company_ids)

    def test_staff_see_their_own_federation_memberships_only(self):
        other = self.env["res.company"].create({"name": "Test Other Coop"})
        self.Link.create({"federation_id": self.federation.id, "company_id": other.id})
        visible = self.Link.with_user(self.manager_ml).search([])
        self.assertEqual(visible, self._link(self.coop_ml))

    def test_upgrade_from_cooperatives_as_branches(self):
        """18.0.1 made cooperatives branches of their federation: the upgrade detaches them
        into root companies with a federation membership, members and memberships intact."""
        Company = self.env["res.company"]
        federation = Company.create({"name": "Test Legacy Federation",
                                     "currency_id": self.env.ref("base.USD").id})
        coop = Company.create({"name": "Test Legacy Coop", "parent_id": federation.id,
                               "country_id": self.env.ref("base.ml").id})
        self.assertEqual(coop.currency_id, federation.currency_id, "a branch")
        # what 18.0.1 stored: the federation flagged, its cooperatives as children
        self.env.cr.execute(SQL("UPDATE res_company SET coup_is_federation = true WHERE id = %s",
                                federation.id))
        federation.invalidate_recordset(["coup_is_federation"])
        member = self.make_member("Legacy Member", coop, gender="female")
        affiliated = self.env["coup.membership"].create({
            "partner_id": self.env["res.partner"].create({"name": "Legacy Child"}).id,
            "company_id": coop.id, "membership_type": "affiliated",
            "principal_membership_id": member.id})
        before = {m.id: (m.partner_id.id, m.member_number, m.company_id.id, m.state)
                  for m in member | affiliated}
        legacy_manager = new_test_user(
            self.env, "test_legacy_federation", company_id=federation.id,
            company_ids=[federation.id, coop.id],
            groups="coup_member_registry.group_coup_federation_manager")

        moved = Company._coup_migrate_branches_to_federations()

        self.assertEqual(moved, 1)
        self.assertFalse(coop.parent_id)
        self.assertEqual(coop.parent_path, "%s/" % coop.id)
        link = self.Link.search([("company_id", "=", coop.id)])
        self.assertEqual(link.federation_id, federation)
        self.assertEqual(link.date_start, coop.create_date.date())
        self.assertTrue(link.is_current)
        after = {m.id: (m.partner_id.id, m.member_number, m.company_id.id, m.state)
                 for m in member | affiliated}
        self.assertEqual(after, before)
        self.assertEqual(affiliated.principal_membership_id, member)
        # the cooperative now has books of its own
        coop.currency_id = self.env.ref("base.XOF")
        self.assertEqual(federation.currency_id, self.env.ref("base.USD"))
        # the manager keeps the cooperative (given by hand in 18.0.1) and sees its members
        self.assertIn(coop, legacy_manager.company_ids)
        self.assertEqual(self.env["coup.membership"].with_user(legacy_manager).with_company(
            federation).search([("company_id", "=", coop.id)]), member | affiliated)
        # run twice, nothing more happens
        self.assertEqual(Company._coup_migrate_branches_to_federations(), 0)
