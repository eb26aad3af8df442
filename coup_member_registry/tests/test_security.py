from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException

from .common import CoupCase, CoupFederationMixin


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

    def test_bulk_create_keeps_the_record_rules(self):
        """The set-based insert of imports checks what Model.create checks, after the
        insert: a user of another cooperative cannot put members into this one."""
        from odoo.addons.coup_member_registry.tools.bulk_create import bulk_create
        partner = self.env["res.partner"].create({"name": "Fanta"})
        Membership = self.env["coup.membership"].with_user(self.user_co)
        before = self.env["coup.membership"].search_count([])
        with self.assertRaises(AccessError):
            bulk_create(Membership, [{"partner_id": partner.id, "company_id": self.coop_ml.id,
                                      "member_number": "ML-BULK-1"}])
        self.assertEqual(self.env["coup.membership"].search_count([]), before,
                         "nothing inserted")
        self.assertFalse(self.env["coup.membership"].search(
            [("member_number", "=", "ML-BULK-1")]))
        # their own cooperative's rows go in
        mine = bulk_create(Membership, [{"partner_id": partner.id,
                                         "company_id": self.coop_co.id,
                                         "member_number": "CO-BULK-1"}])
        self.assertEqual((mine.company_id, mine.member_number), (self.coop_co, "CO-BULK-1"))

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


@tagged("post_install", "-at_install")
class TestMemberPersonalData(CoupCase):
    """A member's contact is readable and writable only inside their cooperatives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.awa = cls.make_member("Awa Koné", cls.coop_ml, gender="female", phone="+22376000001")
        cls.jorge = cls.make_member("Jorge Rojas", cls.coop_co, gender="male",
                                    phone="+573001234567")
        cls.supplier = cls.env["res.partner"].create({"name": "Semillas del Huila SAS",
                                                      "phone": "0475 00 00 00"})

    def test_staff_do_not_read_or_change_a_sister_cooperatives_members(self):
        self.manager_ml.groups_id |= self.env.ref("base.group_allow_export")
        Partner = self.env["res.partner"].with_user(self.manager_ml)
        jorge = Partner.browse(self.jorge.partner_id.id)
        with self.assertRaises(AccessError):
            jorge.read(["name", "phone"])
        with self.assertRaises(AccessError):
            jorge.write({"phone": "+22376999999"})
        self.assertEqual(self.jorge.partner_id.phone, "+573001234567")
        self.assertFalse(Partner.search([("id", "=", jorge.id)]))
        self.assertFalse(Partner.name_search("Jorge Rojas"))
        with self.assertRaises(AccessError):
            jorge.export_data(["name", "phone"])
        # their own member and contacts that are no members stay as Odoo has them
        self.assertEqual(Partner.browse(self.awa.partner_id.id).phone, "+22376000001")
        Partner.browse(self.awa.partner_id.id).write({"village": "Kléla"})
        self.assertEqual(Partner.search([("name", "=", "Semillas del Huila SAS")]),
                         self.supplier)
        Partner.browse(self.supplier.id).write({"comment": "Seed supplier"})

    def test_a_person_in_two_cooperatives_is_seen_by_both(self):
        self.env["coup.membership"].create({"partner_id": self.jorge.partner_id.id,
                                            "company_id": self.coop_ml.id})
        jorge = self.env["res.partner"].with_user(self.manager_ml).browse(
            self.jorge.partner_id.id)
        self.assertEqual(jorge.name, "Jorge Rojas")

    def test_federation_manager_reads_members_of_its_cooperatives(self):
        Partner = self.env["res.partner"].with_user(self.federation_manager).with_company(
            self.federation)
        found = Partner.search([("id", "in", (self.awa | self.jorge).partner_id.ids)])
        self.assertEqual(found, (self.awa | self.jorge).partner_id)

    def test_portal_member_reads_own_contact(self):
        portal = new_test_user(self.env, "portal_jorge", groups="base.group_portal",
                               partner_id=self.jorge.partner_id.id, company_id=self.coop_co.id,
                               company_ids=[self.coop_co.id])
        me = self.env["res.partner"].with_user(portal).browse(self.jorge.partner_id.id)
        self.assertEqual(me.phone, "+573001234567")
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(portal).browse(self.awa.partner_id.id).read(
                ["name"])

    def test_import_aimed_at_another_cooperative_is_refused(self):
        with self.assertRaises(AccessError):
            self.make_import([["Nom", "Prénom"], ["Diallo", "Aminata"]],
                             company=self.coop_co, user=self.manager_ml)


@tagged("post_install", "-at_install")
class TestMemberPersonalDataOverRpc(CoupFederationMixin, HttpCase):
    """What Kléla's manager tried over JSON-RPC: another cooperative's members are refused."""

    _coup_prefix = "Rpc"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.ana = Partner.create({"name": "Ana Rpc Gómez", "phone": "+573001112233"})
        cls.env["coup.membership"].create({"partner_id": cls.ana.id,
                                           "company_id": cls.coop_co.id})
        cls.bakary = Partner.create({"name": "Bakary Rpc Coulibaly"})
        cls.env["coup.membership"].create({"partner_id": cls.bakary.id,
                                           "company_id": cls.coop_ml.id})

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request("/web/dataset/call_kw", {
            "model": model, "method": method, "args": list(args),
            "kwargs": {"context": {"allowed_company_ids": [self.coop_ml.id]}, **kwargs},
        })

    def test_rpc_read_write_search_export(self):
        self.manager_ml.groups_id |= self.env.ref("base.group_allow_export")
        self.authenticate(self.manager_ml.login, self.manager_ml.login)
        both = [("id", "in", [self.ana.id, self.bakary.id])]
        for method, args in (("read", ([self.ana.id], ["name", "phone"])),
                             ("write", ([self.ana.id], {"phone": "+22376000000"})),
                             ("export_data", ([self.ana.id], ["name", "phone"]))):
            with self.subTest(method=method), \
                    self.assertRaisesRegex(JsonRpcException, "AccessError"):
                self._call("res.partner", method, *args)
        self.assertEqual(self.ana.phone, "+573001112233")
        self.assertEqual(self._call("res.partner", "search", both), [self.bakary.id])
        self.assertEqual([row[0] for row in self._call(
            "res.partner", "name_search", "Rpc Coulibaly")], [self.bakary.id])
        self.assertEqual([row[0] for row in self._call(
            "res.partner", "name_search", "Rpc Gómez")], [])
        rows = self._call("res.partner", "search_read", both, fields=["name", "phone"])
        self.assertEqual([row["name"] for row in rows], ["Bakary Rpc Coulibaly"])
        # an import aimed at the other cooperative
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("coup.member.import", "create", {
                "company_id": self.coop_co.id, "filename": "x.csv", "file": "Tm9t"})
