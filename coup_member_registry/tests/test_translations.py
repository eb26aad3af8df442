import base64
import io
from unittest.mock import patch

import openpyxl
from lxml import html

from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from odoo.addons.coup_member_registry.tools import member_parsing

from .common import CoupCase
from .po_check import untranslated
from .test_member_import import klela_rows

# The export headers, in the order of coup.member.export._columns(), as fr.po and es.po give them.
FR_HEADERS = ["N° membre", "Nom", "Prénom", "Sexe", "Date de naissance", "Téléphone", "Village",
              "Type de membre", "N° membre principal", "Lien de parenté", "N° pièce d'identité",
              "Date d'adhésion", "E-mail"]
ES_HEADERS = ["Código", "Apellidos", "Nombres", "Sexo", "Fecha de nacimiento", "Celular",
              "Localidad", "Tipo de asociado", "Código titular", "Parentesco", "Cédula",
              "Fecha de ingreso", "Correo electrónico"]


def spanish_rows():
    """A household of a Colombian cooperative, as its register writes it."""
    return [
        ["Código", "Apellidos", "Nombres", "Sexo", "Fecha de nacimiento", "Celular", "Vereda",
         "Tipo de asociado", "Código titular", "Parentesco", "Cédula"],
        ["AE-1", "López", "Jorge", "M", "06/11/1988", "3221193098", "Alto Bonito", "Titular",
         None, None, "6564253712"],
        ["AE-2", "López", "Sandra", "Femenino", "23/02/2006", None, "Alto Bonito", "Afiliado",
         "AE-1", "hijo(a)", "8135195767"],
        ["AE-3", "Gómez", "Luz", "F", "14/05/1990", "3104567890", "Alto Bonito", "Afiliado",
         "AE-1", "esposa", None],
    ]


@tagged("post_install", "-at_install")
class TestTranslations(CoupCase):
    """The member import and export in French and Spanish: messages that name the row, column
    and value in the user's language, and an export whose translated headers and words the
    import reads back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("fr_FR", "es_CO"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"].search([("name", "=", "coup_member_registry")]) \
            ._update_translations(["fr_FR", "es_CO"])
        # the demo federation may register the same sample people: set them aside
        members = cls.env["res.partner"].search([("coup_membership_ids", "!=", False)])
        members.user_ids.action_archive()
        members.action_archive()

    def text(self, fragment):
        """The text of an HTML fragment, entities decoded."""
        return html.fromstring(fragment).text_content()

    def export_rows(self, company, lang):
        wizard = self.env["coup.member.export"].with_context(lang=lang).create(
            {"company_ids": [(6, 0, company.ids)]})
        wizard.action_export()
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        return wizard, list(workbook.active.iter_rows(values_only=True))

    def assert_round_trip(self, company, lang, headers, filename):
        memberships = self.env["coup.membership"].search([("company_id", "=", company.id)])
        before = memberships.read(["member_number", "membership_type", "principal_membership_id",
                                   "relation", "gender", "birth_date", "phone", "village",
                                   "national_id", "join_date"])
        wizard, rows = self.export_rows(company, lang)
        self.assertEqual(list(rows[0]), headers)
        self.assertTrue(wizard.filename.startswith(filename), wizard.filename)
        for header in headers:
            self.assertTrue(member_parsing.match_header(header), header)
        record = self.make_import(base64.b64decode(wizard.file), company=company,
                                  filename=wizard.filename).with_context(lang=lang)
        record.action_read_file()
        self.assertFalse(record.column_ids.filtered(lambda c: not c.field_key),
                         "every exported column is recognised")
        record.action_check()
        self.assertEqual((record.error_count, record.new_count, record.matched_count),
                         (0, 0, len(memberships)), record.error_html)
        record.action_import()
        self.assertEqual(record.state, "done")
        memberships.invalidate_recordset()
        self.assertEqual(memberships.read(list(before[0])), before)
        return rows

    # ------------------------------------------------------------------ messages

    def test_french_error_names_row_column_and_value(self):
        rows = klela_rows()
        rows[1][5] = "76 12 34"           # a warning: Siaka is imported without it
        rows[2][7] = "?"                  # an error: Lassina's household waits
        record = self.make_import(rows).with_context(lang="fr_FR")
        record.action_check()
        self.assertEqual((record.error_count, record.warning_count), (3, 1))
        table = self.text(record.error_html)
        for expected in ("Ligne", "Colonne", "Valeur", "Problème", "Type de membre",
                         "n'est pas un type de membre connu"):
            self.assertIn(expected, table)
        cells = [td.text_content() for td in html.fromstring(record.warning_html).iter("td")]
        self.assertEqual(cells, ["2", "Téléphone", "76 12 34",
                                 "n'est pas un numéro de téléphone valide (pays : Mali) : "
                                 "importé sans téléphone"])
        self.assertTrue(record.rejected_filename.startswith("lignes_a_corriger_"))
        with self.assertRaises(UserError) as error:
            record.action_import()
        self.assertIn("Lignes en erreur dans registre.xlsx", str(error.exception))
        self.assertIn("Rien n'a été importé.", str(error.exception))
        # the message of an import that meets a rejected row without a check before it
        with self.assertRaises(UserError) as error:
            record._run_import()
        self.assertTrue(str(error.exception).startswith(
            "Rien n'a été importé : Ligne 3, colonne Type de membre, valeur « ? » : n'est pas un "
            "type de membre connu"), str(error.exception))
        self.assertFalse(self.env["coup.membership"].search([("company_id", "=", self.coop_ml.id)]))

    def test_french_file_errors(self):
        record = self.make_import(b"   ", filename="vide.csv").with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "Le fichier vide.csv est vide."):
            record.action_read_file()
        record = self.make_import([["a", "b"], [1, 2]]).with_context(lang="fr_FR")
        with self.assertRaisesRegex(UserError, "Aucune ligne d'en-tête trouvée"):
            record.action_read_file()

    def test_spanish_error_names_row_column_and_value(self):
        rows = spanish_rows()
        rows[1][7] = "?"
        rows.append(["AE-4", "Ríos", "Omar", "Z", "01/02/1970", "12 34", "El Carmen", "Titular",
                     None, None, None])
        record = self.make_import(rows, company=self.coop_co,
                                  filename="asociados.xlsx").with_context(lang="es_CO")
        record.action_check()
        self.assertEqual(record.error_count, 3, "Luz's principal is rejected, so is she")
        cells = [[td.text_content() for td in tr.iter("td")]
                 for tr in html.fromstring(record.error_html).iter("tr")][1:]
        self.assertIn(["4", "Código titular", "AE-1",
                       "fue rechazado (fila 2), así que este asociado también"], cells)
        warnings = [[td.text_content() for td in tr.iter("td")]
                    for tr in html.fromstring(record.warning_html).iter("tr")][1:]
        self.assertEqual(warnings[0][:3], ["5", "Sexo", "Z"])
        self.assertTrue(warnings[0][3].startswith("no es un sexo reconocido"), warnings[0][3])
        self.assertTrue(warnings[0][3].endswith("importado sin sexo"), warnings[0][3])
        self.assertEqual(warnings[1], ["5", "Celular", "12 34", "no es un número de teléfono "
                                       "válido de Colombia: importado sin teléfono"])
        table = self.text(record.error_html)
        for expected in ("Fila", "Columna", "Valor", "Problema"):
            self.assertIn(expected, table)
        with self.assertRaisesRegex(UserError, "Filas con errores en asociados.xlsx: 3"):
            record.action_import()

    def test_import_report_in_the_readers_language(self):
        """An import run in English reads in French for a French reader and in Spanish for a
        Spanish one: its problems, result, preview and file of rows to fix are written when
        they are read, not when the import ran."""
        rows = klela_rows()
        rows[1][5] = "76 12 34"           # a warning: Siaka is imported without it
        rows[2][7] = "?"                  # an error: Lassina's household waits
        rows[1].append("x")               # a column the import does not know
        rows[0] = [*rows[0], "Remarque"]
        record = self.make_import(rows).with_context(lang="en_US")
        record.action_check()
        record.skip_invalid = True
        record.action_import()
        self.assertIn("Members imported: 1", record.result_message)
        mali = {lang: self.coop_ml.country_id.with_context(lang=lang).name
                for lang in ("fr_FR", "es_CO")}
        for lang, expected in (
                ("fr_FR", {
                    "result": "Membres importés : 1 (nouveaux : 1, déjà inscrits : 0). Lignes "
                              "rejetées ignorées : 3.",
                    "warning": ["2", "Téléphone", "76 12 34", "n'est pas un numéro de téléphone "
                                "valide (pays : %s) : importé sans téléphone" % mali["fr_FR"]],
                    "error": "n'est pas un type de membre connu",
                    "ignored": "ignorée", "file": "lignes_a_corriger_registre.xlsx",
                    "sheet": ("Motif", "Importée avec avertissements")}),
                ("es_CO", {
                    "result": "Asociados importados: 1 (nuevos: 1, ya registrados: 0). Filas "
                              "rechazadas omitidas: 3.",
                    "warning": ["2", "Téléphone", "76 12 34", "no es un número de teléfono "
                                "válido de %s: importado sin teléfono" % mali["es_CO"]],
                    "error": "no es un tipo de asociado reconocido",
                    "ignored": "ignorada", "file": "filas_por_corregir_registre.xlsx",
                    "sheet": ("Motivo", "Importada con advertencias")})):
            with self.subTest(lang=lang):
                reader = record.with_context(lang=lang)
                self.assertTrue(reader.result_message.startswith(expected["result"]),
                                reader.result_message)
                cells = [td.text_content() for td in html.fromstring(reader.warning_html)
                         .iter("td")]
                self.assertEqual(cells, expected["warning"])
                self.assertIn(expected["error"], self.text(reader.error_html))
                self.assertNotIn("is not", self.text(reader.error_html))
                self.assertIn(expected["ignored"], self.text(reader.preview_html))
                self.assertEqual(reader.rejected_filename, expected["file"])
                sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(
                    reader.rejected_file))).active
                lines = list(sheet.iter_rows(values_only=True))
                self.assertEqual(lines[0][-1], expected["sheet"][0])
                self.assertEqual(lines[1][0], 2)
                self.assertEqual(lines[1][-2], expected["sheet"][1])
                self.assertIn("76 12 34", lines[1][-1])
                self.assertNotIn("is not", lines[1][-1])
        # and the English reader still reads English
        self.assertIn("is not a valid phone number of Mali", record.warning_html)

    def test_background_import_refusal_in_the_readers_language(self):
        """A background import that meets a rejected row says why in the reader's language."""
        rows = klela_rows()
        rows[2][7] = "?"
        record = self.make_import(rows).with_context(lang="en_US")
        record.action_read_file()
        record.write({"state": "queued"})
        with patch.object(self.env.cr, "commit"):
            self.env["coup.member.import"].with_context(lang="en_US")._cron_run_queued_imports()
        self.assertEqual(record.state, "failed")
        self.assertTrue(record.result_message.startswith(
            "Nothing was imported: Row 3, column Type de membre, value “?”: is not a member "
            "type we know"), record.result_message)
        self.assertTrue(record.with_context(lang="fr_FR").result_message.startswith(
            "Rien n'a été importé : Ligne 3, colonne Type de membre, valeur « ? » : n'est pas "
            "un type de membre connu"), record.with_context(lang="fr_FR").result_message)
        self.assertTrue(record.with_context(lang="es_CO").result_message.startswith(
            "No se importó nada: Fila 3, columna Type de membre, valor “?”: no es un tipo de "
            "asociado reconocido"), record.with_context(lang="es_CO").result_message)

    def test_chatter_in_the_cooperatives_language(self):
        """What our records log in their chatter is in their cooperative's language, whoever
        made them (here an English-speaking loader, as the demo's): "Fiche créée" at Kléla,
        "Registro creado" at AgroEmprende, in words that need no gender."""
        self.coop_ml.partner_id.lang = "fr_FR"
        self.coop_co.partner_id.lang = "es_CO"
        env = self.env(context=dict(self.env.context, tracking_disable=False, lang="en_US"))
        Membership = env["coup.membership"]
        for company, expected in ((self.coop_ml, "Fiche créée : Adhésion à une coopérative"),
                                  (self.coop_co, "Registro creado: Membresía en una cooperativa")):
            with self.subTest(company=company.name):
                partner = env["res.partner"].create({"name": "Chatter %s" % company.name})
                membership = Membership.create({"partner_id": partner.id,
                                                "company_id": company.id})
                bodies = [self.text(m.body) for m in membership.message_ids if m.body]
                self.assertIn(expected, bodies)
                self.assertEqual(partner._coup_coop_lang(), company.partner_id.lang,
                                 "a member's chatter speaks their cooperative's language")
        # a cooperative without a language, and records that are not ours, keep the writer's
        self.coop_ml.partner_id.lang = False
        partner = env["res.partner"].create({"name": "Chatter without language"})
        membership = Membership.create({"partner_id": partner.id,
                                        "company_id": self.coop_ml.id})
        self.assertIn("Cooperative Membership created",
                      [self.text(m.body) for m in membership.message_ids if m.body])
        self.assertEqual(self.coop_co.partner_id._coup_in_coop_lang().env.lang, "es_CO",
                         "a contact that is no member speaks its own language")

    # ------------------------------------------------------------------ export round trip

    def test_french_export_round_trip(self):
        self.make_import(klela_rows()).action_import()
        rows = self.assert_round_trip(self.coop_ml, "fr_FR", FR_HEADERS, "membres_")
        words = {row[0]: row[3:10] for row in rows[1:]}
        self.assertEqual(words["KL-00002"][0], "Homme")
        self.assertEqual(words["KL-00002"][4], "Principal")
        self.assertEqual(words["KL-00003"][0], "Femme")
        self.assertEqual(words["KL-00003"][4:], ("Affilié", "KL-00002", "Enfant"))
        self.assertEqual(words["KL-00004"][6], "Conjoint")

    def test_spanish_export_round_trip(self):
        record = self.make_import(spanish_rows(), company=self.coop_co, filename="asociados.xlsx")
        record.action_import()
        self.assertEqual(record.state, "done", record.result_message)
        rows = self.assert_round_trip(self.coop_co, "es_CO", ES_HEADERS, "asociados_")
        words = {row[0]: row[3:10] for row in rows[1:]}
        self.assertEqual(words["AE-1"][0], "Masculino")
        self.assertEqual(words["AE-1"][4], "Titular")
        self.assertEqual(words["AE-2"][0], "Femenino")
        self.assertEqual(words["AE-2"][4:], ("Afiliado", "AE-1", "Hijo(a)"))
        self.assertEqual(words["AE-3"][6], "Cónyuge")

    def test_translated_selection_words_are_read_back(self):
        """Every translated gender, member type and relation word is one the import reads as
        the value it stands for, so that an export in any language imports back."""
        parsers = {
            ("res.partner", "gender"): member_parsing.parse_gender,
            ("coup.membership", "membership_type"): member_parsing.parse_membership_type,
            ("coup.membership", "relation"): member_parsing.parse_relation,
        }
        for lang in ("fr_FR", "es_CO"):
            env = self.env(context=dict(self.env.context, lang=lang))
            for (model, fname), parse in parsers.items():
                for value, label in env[model]._fields[fname]._description_selection(env):
                    with self.subTest(lang=lang, field=fname, value=value):
                        self.assertEqual(parse(label), value)

    def test_member_phone_error_in_the_users_language(self):
        partner = self.make_member("Awa Traoré", self.coop_ml).partner_id
        for lang, expected in (
                ("fr_FR", "Awa Traoré : 76 12 34 n'est pas un numéro de téléphone valide pour "
                          "%s. Vérifiez les chiffres"),
                ("es_CO", "Awa Traoré: 76 12 34 no es un número de teléfono válido de %s. "
                          "Revise los dígitos")):
            country = self.coop_ml.country_id.with_context(lang=lang).name
            with self.subTest(lang=lang), self.assertRaises(ValidationError) as error:
                partner.with_context(lang=lang).phone = "76 12 34"
            self.assertIn(expected % country, str(error.exception))


class TestPoFiles(TransactionCase):
    """Every term of the registry is translated in French and Spanish: none left empty, none
    left in English outside a short list of words both languages share."""

    def test_no_untranslated_term(self):
        self.assertEqual(untranslated("coup_member_registry"), [])

    def test_wording(self):
        """Words a native reader would stumble on: 'Left' is not the alignment."""
        import polib

        from .po_check import po_path
        for lang, wanted, wrong in (("fr", "Membres sortis", "Gauche"),
                                    ("es", "Asociados que se retiraron", "Izquierda")):
            entries = {e.msgid: e.msgstr for e in polib.pofile(po_path("coup_member_registry",
                                                                      lang))}
            self.assertEqual(entries["Members who left"], wanted)
            self.assertNotIn(wrong, entries.values())
