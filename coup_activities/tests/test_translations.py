from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.coup_member_registry.tests.po_check import untranslated

from .common import ActivityCase


@tagged("post_install", "-at_install")
class TestActivityTranslations(ActivityCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "es_CO"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"].search([("name", "=", "coup_activities")]) \
            ._update_translations(["fr_FR", "es_CO"])

    def test_messages_in_the_users_language(self):
        self.invite(self.assembly, memberships=self.awa).action_invite()
        self.assembly.stage_id = self.env.ref("event.event_stage_cancelled")
        invitation = self.invitation(self.assembly, self.awa)
        for lang, expected in (("fr_FR", "AG Kléla est annulée : plus aucune réponse"),
                               ("es_CO", "AG Kléla está cancelada: no admite más respuestas")):
            with self.assertRaisesRegex(UserError, expected):
                invitation.with_context(lang=lang)._coup_answer(True, "portal")
        scan = self.env["coup.activity.attendance.scan"].with_context(lang="fr_FR").create(
            {"event_id": self.assembly.id, "card": "XX-1"})
        with self.assertRaisesRegex(UserError, "Aucun membre de Act Coop Mali n'a la carte XX-1"):
            scan.action_scan()

    def test_kinds_and_states_are_translated(self):
        kinds = dict(self.env["event.event"].with_context(lang="fr_FR")._fields[
            "coup_kind"]._description_selection(self.env(context={"lang": "fr_FR"})))
        self.assertEqual(kinds["general_assembly"], "Assemblée générale")
        states = dict(self.env["event.registration"]._fields["coup_state"]._description_selection(
            self.env(context={"lang": "es_CO"})))
        self.assertEqual(states["waiting"], "Lista de espera")

    def test_booklet_reads_event_names_in_the_readers_language(self):
        """A French or Spanish edit of the activity's name shows in the member booklet."""
        self.assembly.with_context(lang="fr_FR").name = "AG de Kléla"
        self.assembly.with_context(lang="es_CO").name = "Asamblea de Kléla"
        self.invite(self.assembly, memberships=self.awa).action_invite()
        self.invitation(self.assembly, self.awa)._coup_answer(True, "portal")
        self.env.flush_all()
        Booklet = self.env["coup.member.booklet"]
        domain = [("partner_id", "=", self.awa.partner_id.id),
                  ("kind", "in", ("activity_invited", "activity_answered"))]
        for lang, names in (("en_US", ["AG Kléla", "AG Kléla"]),
                            ("fr_FR", ["AG de Kléla", "AG de Kléla"]),
                            ("es_CO", ["Asamblea de Kléla", "Asamblea de Kléla"])):
            Booklet.invalidate_model()
            rows = Booklet.with_context(lang=lang).search(domain, order="kind")
            self.assertEqual(sorted(rows.mapped("name")), sorted(names), lang)

class TestActivityPoFiles(TransactionCase):

    def test_no_untranslated_term(self):
        self.assertEqual(untranslated("coup_activities"), [])
