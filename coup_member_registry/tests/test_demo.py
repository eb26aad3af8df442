from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoFederation(TransactionCase):
    """The demo federation: two cooperatives whose registers went through the real import."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.klela = ref("coup_member_registry.company_coop_klela", raise_if_not_found=False)
        if not cls.klela:
            return
        cls.federation = ref("coup_member_registry.company_coop_federation")
        cls.agro = ref("coup_member_registry.company_coop_agroemprende")
        cls.Membership = cls.env["coup.membership"]

    def setUp(self):
        super().setUp()
        if not self.klela:
            self.skipTest("the demo data of coup_member_registry is not loaded")

    def _member(self, company, number):
        membership = self.Membership.search(
            [("company_id", "=", company.id), ("member_number", "=", number)])
        self.assertEqual(len(membership), 1, "%s should be a member of %s" % (number, company.name))
        return membership

    def _as(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, "demo user %s is missing" % login)
        return self.env(user=user, context=dict(self.env.context,
                                                allowed_company_ids=user.company_ids.ids))

    def test_federation_and_cooperatives(self):
        self.assertTrue(self.federation.coup_is_federation)
        self.assertEqual(self.federation.coup_member_company_ids, self.klela | self.agro)
        # independent cooperatives, each with its own currency: no branch of the federation
        self.assertFalse(self.klela.parent_id or self.agro.parent_id)
        self.assertEqual(self.klela.currency_id.name, "XOF")
        self.assertEqual(self.agro.currency_id.name, "COP")
        self.assertEqual(self.federation.currency_id.name, "EUR")
        # the federation manager works in both without having been given them by hand
        federation_user = self.env.ref("coup_member_registry.user_federation_manager")
        self.assertEqual(federation_user.company_ids, self.federation | self.klela | self.agro)
        self.assertEqual(federation_user.coup_federation_company_ids, self.klela | self.agro)
        self.assertEqual(self.klela.country_id.code, "ML")
        self.assertEqual(self.agro.country_id.code, "CO")
        self.assertEqual(self.klela.partner_id.country_id.code, "ML")
        self.assertEqual(self.agro.partner_id.country_id.code, "CO")
        self.assertEqual(self.klela.coup_member_prefix, "KL-")
        self.assertEqual(self.agro.coup_member_prefix, "AE-")
        admin = self.env.ref("base.user_admin")
        self.assertLessEqual(self.federation | self.klela | self.agro, admin.company_ids)

    def test_members_and_households(self):
        members = self.Membership.search(
            [("company_id", "in", self.federation.coup_member_company_ids.ids)])
        self.assertTrue(55 <= len(members) <= 80, "about sixty members, got %s" % len(members))
        for company in (self.klela, self.agro):
            own = members.filtered(lambda m: m.company_id == company)
            self.assertTrue(own.filtered(lambda m: m.membership_type == "principal"))
            self.assertTrue(own.filtered(lambda m: m.membership_type == "affiliated"))
            self.assertTrue(all(m.member_number.startswith(company.coup_member_prefix)
                                for m in own))
        affiliated = members.filtered(lambda m: m.membership_type == "affiliated")
        for membership in affiliated:
            principal = membership.principal_membership_id
            self.assertEqual(principal.membership_type, "principal")
            self.assertEqual(principal.company_id, membership.company_id)
        # a household from each register
        sangare = self._member(self.klela, "KL-00008")
        self.assertEqual(sorted(sangare.affiliated_membership_ids.mapped("member_number")),
                         ["KL-00009", "KL-00010", "KL-00011"])
        self.assertEqual(self._member(self.klela, "KL-00009").relation, "spouse")
        restrepo = self._member(self.agro, "AE-00019")
        self.assertEqual(len(restrepo.affiliated_membership_ids), 2)
        self.assertIn(restrepo.affiliated_membership_ids[0].partner_id,
                      restrepo.partner_id.coup_household_partner_ids)

    def test_import_quirks(self):
        imports = self.env["coup.member.import"].search([("company_id", "=", self.klela.id),
                                                         ("filename", "=", "registre_membres_klela.xlsx")])
        self.assertEqual(len(imports), 1)
        self.assertEqual(imports.state, "done")
        self.assertEqual(imports.error_count, 0)
        self.assertEqual(imports.warning_count, 1, "row 5 has a phone that is too short")
        self.assertTrue(imports.rejected_file)
        self.assertIn("76 12 34", imports.warning_html)
        # Bakary is a member all the same, without the phone, and his household is whole
        self.assertFalse(self._member(self.klela, "KL-00004").partner_id.phone)
        self.assertEqual(self._member(self.klela, "KL-00002").affiliated_membership_ids
                         .mapped("member_number"), ["KL-00003", "KL-00004"])
        # rows 2 and 7 share a household phone: two people, one number, in E.164
        siaka = self._member(self.klela, "KL-00001").partner_id
        rokia = self._member(self.klela, "KL-00006").partner_id
        self.assertNotEqual(siaka, rokia)
        self.assertEqual(siaka.phone, "+22362457965")
        self.assertEqual(rokia.phone, "+22362457965")
        self.assertEqual(self._member(self.agro, "AE-00001").phone, "+573221193098")
        agro_import = self.env["coup.member.import"].search([("company_id", "=", self.agro.id)])
        self.assertEqual(agro_import.error_count, 0)

    def test_membership_lives(self):
        resigned = self._member(self.klela, "KL-00023")
        self.assertEqual(resigned.state, "resigned")
        self.assertTrue(resigned.exit_date)
        self.assertTrue(resigned.exit_reason)
        self.assertEqual(self._member(self.agro, "AE-00008").state, "suspended")
        candidate = self.env.ref("coup_member_registry.membership_candidate_klela")
        self.assertEqual(candidate.state, "candidate")
        self.assertEqual(candidate.member_number, "KL-00037")

    def test_sequences_go_on_after_the_registers(self):
        partner = self.env["res.partner"].create({"name": "Nouveau Membre"})
        membership = self.Membership.create({"partner_id": partner.id,
                                             "company_id": self.agro.id})
        self.assertEqual(membership.member_number, "AE-00026")

    def test_segments_consents_cards(self):
        youth = self.env.ref("coup_member_registry.segment_klela_youth")
        youth_members = youth._get_memberships()
        self.assertTrue(youth_members)
        self.assertTrue(all(m.is_youth and m.company_id == self.klela for m in youth_members))
        women = self.env.ref("coup_member_registry.segment_federation_women")._get_memberships()
        self.assertEqual(women.company_id, self.klela | self.agro)
        self.assertEqual(set(women.mapped("gender")), {"female"})
        siaka = self._member(self.klela, "KL-00001").partner_id
        self.assertTrue(siaka.sms_consent and siaka.data_consent)
        self.assertEqual(siaka.with_company(self.klela).barcode, "0420100000012")
        self.assertFalse(siaka.with_company(self.agro).barcode)
        jorge = self._member(self.agro, "AE-00001").partner_id
        self.assertEqual(jorge.with_company(self.agro).barcode, "0420200000011")

    def test_cooperatives_see_their_own(self):
        klela_ids = self.Membership.search([("company_id", "=", self.klela.id)]).ids
        agro_ids = self.Membership.search([("company_id", "=", self.agro.id)]).ids

        manager = self._as("manager.klela")["coup.membership"]
        self.assertTrue(manager.env.user.has_group("coup_member_registry.group_coup_manager"))
        self.assertEqual(sorted(manager.search([]).ids), sorted(klela_ids))
        self.assertFalse(manager.search([("company_id", "=", self.agro.id)]))
        self.assertFalse(manager.search([("id", "in", agro_ids)]))

        staff = self._as("staff.agroemprende")["coup.membership"]
        self.assertEqual(sorted(staff.search([]).ids), sorted(agro_ids))

        federation = self._as("federation")["coup.membership"]
        self.assertEqual(federation.search([]).company_id, self.klela | self.agro)
        self.assertEqual(federation.search_count([]), len(klela_ids) + len(agro_ids))

        member_env = self._as("member.klela")
        self.assertTrue(member_env.user.share)
        own = member_env["coup.membership"].search([])
        self.assertEqual(own.ids, self._member(self.klela, "KL-00001").ids)

    def test_members_speak_their_cooperatives_language(self):
        """French and Spanish are installed; each cooperative's members take its language, the
        imported ones too, and the booklet prints in it."""
        self.assertEqual(set(self.env["res.lang"].search([]).mapped("code"))
                         >= {"fr_FR", "es_ES"}, True)
        for company, lang in ((self.klela, "fr_FR"), (self.agro, "es_ES")):
            members = self.Membership.search([("company_id", "=", company.id)]).partner_id
            self.assertEqual(set(members.mapped("lang")), {lang}, company.name)
        siaka = self._member(self.klela, "KL-00001").partner_id
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_member_registry.action_report_coup_member_booklet", siaka.ids)[0].decode()
        self.assertIn("Carnet", html)
        self.assertNotIn("Member Booklet", html)

    def test_rates_are_real_and_shared(self):
        """The CFA franc at its parity with the euro, the peso from a dated table, for every
        company (the dashboard converts with the federation's or the cooperative's rates)."""
        xof, cop = self.env.ref("base.XOF"), self.env.ref("base.COP")
        Rate = self.env["res.currency.rate"]
        self.assertEqual(Rate.search([("currency_id", "=", xof.id),
                                      ("company_id", "=", False)]).mapped("rate"), [655.957])
        self.assertGreaterEqual(Rate.search_count([("currency_id", "=", cop.id),
                                                   ("company_id", "=", False)]), 4)
        eur = self.env.ref("base.EUR")
        self.assertAlmostEqual(xof._convert(655957, eur, self.federation, "2026-06-30"), 1000.0)
