from odoo.tests import tagged

from odoo.addons.coup_member_registry.tests.po_check import untranslated

from .common import FieldAppCase, new_uuid


@tagged("post_install", "-at_install")
class TestFieldAppTranslations(FieldAppCase):

    def test_french_and_spanish_complete(self):
        self.assertEqual(untranslated("coup_field_app"), [])

    def test_refusal_in_the_agents_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"].search([("name", "=", "coup_field_app")]) \
            ._update_translations(["fr_FR"])
        self.agent_co.lang = "fr_FR"
        result = self.sync("field_agent_co", [{"uuid": new_uuid(), "kind": "operation", "payload": {
            "parcel_id": self.parcel_awa.id, "kind": "weeding"}}])[0]
        self.assertEqual(result["reason"], "La parcelle %s n'est pas l'une des vôtres : rien n'a "
                                           "été enregistré." % self.parcel_awa.id)
