from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    """What a French or Colombian user sees of coup_sms comes from i18n/fr.po and i18n/es.po:
    the errors of a badly set gateway or campaign, and the selection labels."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "es_CO"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"].search([("name", "=", "coup_sms")]) \
            ._update_translations(["fr_FR", "es_CO"])
        cls.company = cls.env["res.company"].create({
            "name": "Coop Translations", "country_id": cls.env.ref("base.ml").id})
        cls.env.user.company_ids |= cls.company

    def in_lang(self, lang):
        return self.env(context=dict(self.env.context, lang=lang,
                                     allowed_company_ids=[self.company.id]))

    def test_gateway_errors_in_french(self):
        Gateway = self.in_lang("fr_FR")["coup.sms.gateway"]
        with self.assertRaises(ValidationError) as error:
            Gateway.create({"name": "Orange", "provider": "generic",
                            "company_id": self.company.id})
        self.assertEqual(str(error.exception),
                         "Passerelle Orange : une passerelle générique a besoin de son URL d'API.")
        with self.assertRaises(ValidationError) as error:
            Gateway.create({"name": "Orange", "provider": "generic", "base_url": "ftp://sms.ml",
                            "company_id": self.company.id})
        self.assertEqual(str(error.exception),
                         "Passerelle Orange : l'URL d'API ftp://sms.ml doit commencer par "
                         "http:// ou https://.")
        gateway = Gateway.create({"name": "AT", "provider": "africastalking",
                                  "company_id": self.company.id})
        with self.assertRaisesRegex(UserError, "saisissez le numéro de test"):
            gateway.action_send_test()

    def test_gateway_error_in_spanish(self):
        gateway = self.in_lang("es_CO")["coup.sms.gateway"].create({
            "name": "Claro", "provider": "twilio", "company_id": self.company.id})
        with self.assertRaises(UserError) as error:
            gateway.action_send_test()
        self.assertEqual(str(error.exception), "Pasarela Claro: ingrese el número de prueba al "
                                               "que enviar el SMS de prueba.")

    def test_campaign_error_keeps_placeholders(self):
        segment = self.env["coup.member.segment"].create({
            "name": "All", "company_id": self.company.id, "include_child_companies": False})
        Campaign = self.in_lang("fr_FR")["coup.sms.campaign"]
        with self.assertRaises(ValidationError) as error:
            Campaign.create({"name": "AG", "company_id": self.company.id,
                             "segment_id": segment.id, "default_lang": "fr",
                             "body_fr": "Bonjour {prenom}, ARRET pour ne plus recevoir."})
        message = str(error.exception)
        self.assertIn("Campagne AG : le texte (Français) contient la variable inconnue {prenom}",
                      message)
        self.assertIn("{first_name}", message)
        with self.assertRaisesRegex(ValidationError, r"contient \{link\} : choisissez le document"):
            Campaign.create({"name": "AG", "company_id": self.company.id,
                             "segment_id": segment.id, "default_lang": "fr",
                             "body_fr": "Le compte rendu : {link}"})

    def test_selection_labels(self):
        for lang, expected in (("fr_FR", ("Pas de consentement SMS", "Désinscrit", "Exclu")),
                               ("es_CO", ("Sin autorización de SMS", "Dado de baja", "Omitido"))):
            env = self.in_lang(lang)
            fields = env["coup.sms.campaign.message"]._fields
            reasons = dict(fields["skip_reason"]._description_selection(env))
            states = dict(fields["state"]._description_selection(env))
            self.assertEqual((reasons["no_consent"], reasons["opted_out"], states["skipped"]),
                             expected)
