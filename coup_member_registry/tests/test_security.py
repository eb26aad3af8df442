from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CoupCase


@tagged("post_install", "-at_install")
class TestSecurity(CoupCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa = cls.make_member("Awa", cls.coop_ml, gender="female")
        cls.jorge = cls.make_member("Jorge", cls.coop_co, gender="male")
        cls.segment_ml = cls.env["coup.member.segment"].create(
            {"name": "All ML", "company_id": cls.coop_ml.id})
        cls.segment_co = cls.env["coup.member.segment"].create(
            {"name": "All CO", "company_id": cls.coop_co.id})

    def test_cooperatives_see_only_their_own(self):
        Membership = self.env["coup.membership"]
        self.assertEqual(Membership.with_user(self.manager_ml).search([]), self.awa)
        self.assertEqual(Membership.with_user(self.user_co).search([]), self.jorge)
        with self.assertRaises(AccessError):
            self.jorge.with_user(self.manager_ml).read(["member_number"])
        Segment = self.env["coup.member.segment"]
        self.assertEqual(Segment.with_user(self.manager_ml).search([]), self.segment_ml)
        booklet = self.env["coup.member.booklet"].with_user(self.user_co).search([])
        self.assertEqual(booklet.partner_id, self.jorge.partner_id)

    def test_imports_stay_with_their_cooperative(self):
        Import = self.env["coup.member.import"]
        mine = Import.create({"company_id": self.coop_ml.id, "filename": "ml.csv",
                              "file": b"Tm9t"})
        theirs = Import.create({"company_id": self.coop_co.id, "filename": "co.csv",
                                "file": b"Tm9t"})
        self.assertEqual(Import.with_user(self.manager_ml).search([]) & (mine | theirs), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.manager_ml).read(["filename"])
        federation = Import.with_user(self.federation_manager).with_company(self.federation)
        self.assertEqual(federation.search([]) & (mine | theirs), mine | theirs)

    def test_federation_manager_sees_member_cooperatives(self):
        def visible(model):
            return self.env[model].with_user(self.federation_manager).with_company(
                self.federation).search([])
        self.assertEqual(visible("coup.membership") & (self.awa | self.jorge),
                         self.awa | self.jorge)
        self.assertEqual(visible("coup.member.segment") & (self.segment_ml | self.segment_co),
                         self.segment_ml | self.segment_co)

    def test_staff_cannot_delete_or_decide(self):
        staff = self.env["coup.membership"].with_user(self.user_co)
        member = staff.browse(self.jorge.id)
        member.village = "Alto Bonito"  # staff keep the register
        with self.assertRaises(AccessError):
            member.unlink()
        with self.assertRaises(AccessError):
            self.env["coup.member.segment"].with_user(self.user_co).create({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["coup.member.export"].with_user(self.user_co).create({})

    def test_portal_member_sees_only_own_membership(self):
        portal = new_test_user(self.env, "portal_awa", groups="base.group_portal",
                               partner_id=self.awa.partner_id.id, company_id=self.coop_ml.id,
                               company_ids=[self.coop_ml.id])
        Membership = self.env["coup.membership"].with_user(portal)
        self.assertEqual(Membership.search([]), self.awa)
        with self.assertRaises(AccessError):
            Membership.browse(self.jorge.id).read(["member_number"])
        with self.assertRaises(AccessError):
            Membership.browse(self.awa.id).write({"state": "suspended"})
        booklet = self.env["coup.member.booklet"].with_user(portal).search([])
        self.assertEqual(booklet.partner_id, self.awa.partner_id)
        with self.assertRaises(AccessError):
            self.env["coup.member.segment"].with_user(portal).search([])
