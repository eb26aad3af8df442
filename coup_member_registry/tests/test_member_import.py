import base64
import datetime
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from odoo.addons.coup_member_registry.models import coup_member_import

from .common import KLELA_HEADER, CoupCase


def klela_rows():
    """A household and a single member, as the Kléla register writes them."""
    return [
        KLELA_HEADER,
        ["KL-00001", "Keïta", "Siaka", "H", datetime.datetime(1989, 1, 2), "62457965", "Niéna",
         "Principal", None, None, "8377902818"],
        ["KL-00002", "Diallo", "Lassina", "Homme", "10/08/1983", "+223 76 79 32 92", "Kignan",
         "Principal", None, None, "9328159682"],
        ["KL-00003", "Diallo", "Djénéba", "F", "18-11-95", "73805259", "Kignan", "Affilié",
         "KL-00002", "enfant", "7901250701"],
        ["KL-00004", "Diallo", "Awa", "Femme", 35000, None, "Kignan", "Affilié", "KL-00002",
         "conjointe", None],
    ]


class MemberImportCase(CoupCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the demo federation registers the same sample people: set them aside, so that the
        # matching tested here only meets the people each test registers
        members = cls.env["res.partner"].search([("coup_membership_ids", "!=", False)])
        members.user_ids.action_archive()
        members.action_archive()

    def memberships(self, company=None):
        company = company or self.coop_ml
        return self.env["coup.membership"].search([("company_id", "=", company.id)])


@tagged("post_install", "-at_install")
class TestMemberImport(MemberImportCase):

    def test_header_found_below_title_row(self):
        record = self.make_import(klela_rows(), title="Registre des membres — Kléla 2024")
        record.action_read_file()
        self.assertEqual(record.header_row, 2)
        self.assertEqual(record.row_count, 4)
        mapping = {c.header: c.field_key for c in record.column_ids}
        self.assertEqual(mapping["N° membre"], "member_number")
        self.assertEqual(mapping["Prénom"], "first_name")
        self.assertEqual(mapping["N° membre principal"], "principal_number")
        self.assertEqual(mapping["N° pièce d'identité"], "national_id")
        self.assertIn("Keïta", record.preview_html)

    def test_spanish_headers_are_matched(self):
        header = ["Código", "Apellidos", "Nombres", "Sexo", "Fecha de nacimiento", "Celular",
                  "Vereda", "Tipo de asociado", "Código titular", "Parentesco", "Cédula"]
        rows = [header,
                ["AE-1", "López", "Jorge", "M", "06/11/1988", "3221193098", "Alto Bonito",
                 "Titular", None, None, "6564253712"],
                ["AE-2", "López", "Sandra", "Femenino", "23/02/2006", None, "Alto Bonito",
                 "Afiliado", "AE-1", "hijo(a)", "8135195767"]]
        record = self.make_import(rows, company=self.coop_co, filename="asociados.xlsx")
        record.action_import()
        self.assertEqual(record.state, "done")
        jorge, sandra = self.memberships(self.coop_co).sorted("member_number")
        self.assertEqual(jorge.partner_id.phone, "+573221193098")
        self.assertEqual(jorge.gender, "male")
        self.assertEqual(sandra.principal_membership_id, jorge)
        self.assertEqual(sandra.relation, "child")
        self.assertEqual(sandra.partner_id.name, "Sandra López")

    def test_import_reads_words_dates_and_phones(self):
        record = self.make_import(klela_rows())
        record.action_import()
        self.assertEqual(record.state, "done", record.result_message)
        members = {m.member_number: m for m in self.memberships()}
        self.assertEqual(set(members), {"KL-00001", "KL-00002", "KL-00003", "KL-00004"})
        siaka = members["KL-00001"].partner_id
        self.assertEqual(siaka.name, "Siaka Keïta")
        self.assertEqual(siaka.phone, "+22362457965")
        self.assertEqual(siaka.birth_date, datetime.date(1989, 1, 2))
        self.assertEqual(members["KL-00002"].partner_id.birth_date, datetime.date(1983, 8, 10))
        self.assertEqual(members["KL-00003"].partner_id.birth_date, datetime.date(1995, 11, 18))
        self.assertEqual(members["KL-00004"].partner_id.birth_date, datetime.date(1995, 10, 28))
        self.assertEqual(members["KL-00004"].partner_id.gender, "female")
        self.assertEqual(members["KL-00004"].relation, "spouse")
        self.assertEqual(members["KL-00003"].principal_membership_id, members["KL-00002"])
        self.assertEqual(members["KL-00002"].affiliated_membership_ids,
                         members["KL-00003"] | members["KL-00004"])
        # household seen from either side
        self.assertIn(members["KL-00002"].partner_id,
                      members["KL-00004"].partner_id.coup_household_partner_ids)
        self.assertIn(members["KL-00004"].partner_id,
                      members["KL-00002"].partner_id.coup_household_partner_ids)
        self.assertEqual(siaka.commercial_partner_id, siaka)
        self.assertEqual(self.env["res.partner"].search([("name", "=", "Siaka Keïta")]), siaka)
        self.assertIn("Members imported: 4 (new: 4", record.result_message)

    def test_dry_run_writes_nothing_and_names_row_column_value(self):
        rows = klela_rows()
        rows[1][5] = "76 12 34"          # too short: a warning, the member is kept
        rows[2][3] = "Z"                  # unknown gender word: a warning and a word to decide
        rows[3][4] = "31/02/1990"         # impossible date: a warning
        rows[4][8] = "KL-09999"           # unknown principal member: rejected
        rows.append(["KL-00005", None, None, "F", None, None, "Kignan", "Principal", None, None,
                     None])              # no name: rejected
        partners_before = self.env["res.partner"].search_count([])
        record = self.make_import(rows)
        record.action_check()
        self.assertEqual(record.state, "checked")
        self.assertEqual((record.error_count, record.warning_count), (2, 3))
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)
        self.assertFalse(self.memberships())
        for expected in ("KL-09999", "N° membre principal", "every member needs a name"):
            self.assertIn(expected, record.error_html)
        for expected in ("76 12 34", "Téléphone", "imported without phone", "Sexe", "Z",
                         "31/02/1990", "Date de naissance"):
            self.assertIn(expected, record.warning_html)
            self.assertNotIn(expected, record.error_html)
        self.assertEqual(record.word_ids.mapped("written"), ["Z"])
        with self.assertRaises(UserError) as error:
            record.action_import()
        self.assertIn("Rows in error in registre.xlsx: 2.", str(error.exception))
        self.assertFalse(self.memberships())
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before)

    def test_skip_invalid_rows_gives_rows_to_fix_back(self):
        rows = klela_rows()
        rows[1][5] = "76 12 34"
        rows[2][7] = "?"                  # KL-00002 rejected: its household goes with it
        record = self.make_import(rows)
        record.action_check()
        self.assertEqual((record.error_count, record.warning_count), (3, 1))
        self.assertTrue(record.rejected_file)
        record.skip_invalid = True
        record.action_import()
        self.assertEqual(record.state, "done")
        siaka = self.memberships()
        self.assertEqual(siaka.member_number, "KL-00001")
        self.assertFalse(siaka.partner_id.phone, "imported without the phone")
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(record.rejected_file))).active
        lines = list(sheet.iter_rows(values_only=True))
        self.assertEqual(lines[0][0], "Row")
        self.assertEqual(lines[0][-2:], ("Result", "Why"))
        self.assertEqual([line[0] for line in lines[1:]], [2, 3, 4, 5])
        self.assertEqual(lines[1][-2], "Imported with warnings")
        self.assertIn("76 12 34", lines[1][-1])
        self.assertIn("is not a valid phone number of Mali", lines[1][-1])
        self.assertEqual({line[-2] for line in lines[2:]}, {"Rejected"})
        self.assertIn("KL-00002", lines[3][-1])

    def test_skip_keeps_valid_rows(self):
        rows = klela_rows()
        rows[1][1] = rows[1][2] = None
        record = self.make_import(rows)
        record.skip_invalid = True
        record.action_import()
        self.assertEqual(set(self.memberships().mapped("member_number")),
                         {"KL-00002", "KL-00003", "KL-00004"})
        self.assertIn("Rejected rows skipped: 1.", record.result_message)

    def test_reimport_creates_nothing_twice(self):
        self.make_import(klela_rows()).action_import()
        partners = self.env["res.partner"].search_count([])
        second = self.make_import(klela_rows())
        second.action_check()
        self.assertEqual((second.new_count, second.matched_count), (0, 4))
        second.action_import()
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(len(self.memberships()), 4)

    def test_match_by_phone_and_name_then_name_and_birth_date(self):
        by_phone = self.env["res.partner"].create({"name": "Siaka Keïta", "phone": "62457965",
                                                   "country_id": self.env.ref("base.ml").id})
        by_birth = self.env["res.partner"].create({"name": "Djénéba Diallo",
                                                   "birth_date": "1995-11-18"})
        self.assertEqual(by_phone.phone, "62457965", "kept as typed")
        rows = klela_rows()
        rows[1][10] = rows[3][10] = None  # no national IDs to match on
        rows[3][5] = None
        record = self.make_import(rows)
        record.action_check()
        self.assertEqual((record.new_count, record.matched_count), (2, 2))
        record.action_import()
        members = {m.member_number: m.partner_id for m in self.memberships()}
        self.assertEqual(members["KL-00001"], by_phone)
        self.assertEqual(by_phone.phone, "62457965", "the same number: still as typed")
        self.assertEqual(members["KL-00003"], by_birth)
        self.assertEqual(by_birth.national_id, False)

    def test_members_speak_their_cooperatives_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.coop_ml.partner_id.lang = "fr_FR"
        self.make_import(klela_rows()).action_import()
        self.assertEqual(set(self.memberships().partner_id.mapped("lang")), {"fr_FR"})

    def test_same_person_in_two_cooperatives(self):
        self.make_import(klela_rows()).action_import()
        header = klela_rows()[0]
        row = klela_rows()[1]
        row[0] = "CO-7"
        row[5] = "+223 62 45 79 65"
        self.make_import([header, row], company=self.coop_co).action_import()
        siaka = self.memberships().filtered(lambda m: m.member_number == "KL-00001").partner_id
        self.assertEqual(siaka.coup_membership_ids.company_id, self.coop_ml | self.coop_co)

    def test_duplicate_member_numbers(self):
        rows = klela_rows()
        rows[2][0] = "KL-00001"
        record = self.make_import(rows)
        record.action_check()
        self.assertIn("is given to rows 2 and 3 with different data", record.error_html)
        # both rows are rejected (and row 3's household with it): which is right is for the
        # data officer to say
        self.assertEqual(record.error_count, 4)
        self.make_member("Someone Else", self.coop_ml, member_number="KL-00004")
        record = self.make_import(klela_rows())
        record.action_check()
        self.assertIn("is already the member number of another member", record.error_html)
        with self.assertRaises(UserError):
            record.action_import()

    def test_affiliated_to_principal_already_registered(self):
        principal = self.make_member("Lassina Diallo", self.coop_ml, member_number="KL-00002")
        rows = [klela_rows()[0], klela_rows()[3]]
        record = self.make_import(rows)
        record.action_import()
        child = self.memberships() - principal
        self.assertEqual(child.principal_membership_id, principal)

    def test_member_numbers_from_the_cooperative_sequence(self):
        rows = klela_rows()
        for row in rows[1:]:
            row[0] = None
        rows[3][8] = rows[4][8] = None
        rows[3][7] = rows[4][7] = "Principal"
        rows[3][9] = rows[4][9] = None
        record = self.make_import(rows)
        record.action_import()
        self.assertEqual(sorted(self.memberships().mapped("member_number")),
                         ["ML-00001", "ML-00002", "ML-00003", "ML-00004"])

    def test_sequence_moves_past_imported_numbers(self):
        rows = klela_rows()
        for index, row in enumerate(rows[1:], start=1):
            row[0] = "ML-%05d" % (index * 10)
            row[8] = row[8] and "ML-00020"
        self.make_import(rows).action_import()
        self.assertEqual(self.make_member("Next", self.coop_ml).member_number, "ML-00041")

    def test_csv_with_semicolons(self):
        text = "\n".join([
            "Nom;Prénom;Sexe;Date de naissance;Téléphone",
            "Traoré;Massitan;F;16/05/1970;70790827",
            "Sanogo;Zoumana;H;05-09-1978;0022373021818",
        ]).encode("cp1252")
        record = self.make_import(text, filename="registre.csv")
        record.action_import()
        self.assertEqual(sorted(self.memberships().partner_id.mapped("phone")),
                         ["+22370790827", "+22373021818"])

    def test_bad_files(self):
        with self.assertRaisesRegex(UserError, "is not a spreadsheet"):
            self.make_import(b"%PDF-1.4 not a register", filename="scan.pdf").action_read_file()
        with self.assertRaisesRegex(UserError, "is empty"):
            self.make_import(b"", filename="vide.xlsx").action_read_file()
        with self.assertRaisesRegex(UserError, "is empty"):
            self.make_import([[None]], filename="vide.xlsx").action_read_file()
        with self.assertRaisesRegex(UserError, "No header row"):
            self.make_import([["a", "b"], [1, 2]], filename="x.xlsx").action_read_file()
        with self.assertRaisesRegex(UserError, "no member rows"):
            self.make_import([KLELA_HEADER], filename="x.xlsx").action_read_file()

    def test_mapping_is_editable_and_checked(self):
        record = self.make_import(klela_rows())
        record.action_read_file()
        village = record.column_ids.filtered(lambda c: c.header == "Village")
        village.field_key = "last_name"
        with self.assertRaisesRegex(UserError, "both imported as"):
            record.action_check()
        village.field_key = False
        record.action_import()
        self.assertFalse(self.memberships().partner_id.filtered("village"))

    def test_sample_register(self):
        """The Kléla sample: row 5 has a too-short phone, rows 2 and 7 share a phone."""
        with file_open("coup_member_registry/demo/registre_membres_klela.xlsx", "rb") as handle:
            data = handle.read()
        record = self.make_import(data)
        record.action_check()
        self.assertIn("76 12 34", record.warning_html)
        self.assertGreaterEqual(record.row_count, 28)
        self.assertEqual(record.error_count, 0, record.error_html)
        record.action_import()
        self.assertEqual(len(self.memberships()), record.row_count)

    def test_large_file_goes_to_background_all_or_nothing(self):
        record = self.make_import(klela_rows())
        with patch.object(coup_member_import, "BACKGROUND_ROWS", 2):
            record.action_import()
        self.assertEqual(record.state, "queued")
        self.assertFalse(self.memberships())
        with patch.object(self.env.cr, "commit"):
            self.env["coup.member.import"]._cron_run_queued_imports()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.progress, 100)
        self.assertEqual(len(self.memberships()), 4)

    def test_background_failure_writes_nothing(self):
        record = self.make_import(klela_rows())
        with patch.object(coup_member_import, "BACKGROUND_ROWS", 2):
            record.action_import()
        original = type(record)._import_memberships

        def crash(self, *args):
            original(self, *args)
            raise UserError("gateway down")
        with patch.object(type(record), "_import_memberships", crash), \
                patch.object(self.env.cr, "commit"):
            self.env["coup.member.import"]._cron_run_queued_imports()
        self.assertEqual(record.state, "failed")
        self.assertIn("gateway down", record.result_message)
        self.assertFalse(self.memberships())
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Siaka Keïta")]))

    def test_only_managers_import(self):
        with self.assertRaises(AccessError):
            self.make_import(klela_rows(), company=self.coop_co, user=self.user_co)
        record = self.make_import(klela_rows(), user=self.manager_ml)
        record.action_import()
        self.assertEqual(record.state, "done")


@tagged("post_install", "-at_install")
class TestMessyRegisters(MemberImportCase):
    """What real registers hold: local words, bad details, repeated rows, one-name members."""

    def test_words_of_real_registers(self):
        rows = klela_rows()
        rows[1][7] = rows[2][7] = "Membre principal"
        rows[3][7] = "Membre affilié"
        rows[4][7] = "Type: Affilié"
        record = self.make_import(rows)
        record.action_import()
        self.assertEqual(record.state, "done", record.error_html)
        self.assertEqual(sorted(self.memberships().mapped("membership_type")),
                         ["affiliated", "affiliated", "principal", "principal"])

    def test_unknown_words_are_decided_once_for_the_cooperative(self):
        rows = klela_rows()
        rows[3][9] = "Cadet"              # a relation word nobody taught us
        rows[4][7] = "Mbr. fam."          # a member type word: the row waits for an answer
        record = self.make_import(rows)
        record.action_check()
        self.assertEqual(record.error_count, 1)
        self.assertEqual(record.warning_count, 1)
        words = {w.written: w for w in record.word_ids}
        self.assertEqual(set(words), {"Cadet", "Mbr. fam."})
        words["Cadet"].relation_value = "child"
        words["Mbr. fam."].membership_type_value = "affiliated"
        record.action_check()
        self.assertEqual((record.error_count, record.warning_count), (0, 0))
        self.assertFalse(record.word_ids)
        record.action_import()
        kl3 = self.memberships().filtered(lambda m: m.member_number == "KL-00003")
        self.assertEqual(kl3.relation, "child")
        # remembered for Kléla's next register, whatever the case and accents
        rows = [klela_rows()[0], ["KL-00010", "Sanogo", "Issa", "H", None, None, "Fama",
                                  "MBR FAM", "KL-00002", "cadet", None]]
        again = self.make_import(rows)
        again.action_import()
        self.assertEqual(again.state, "done", again.error_html)
        self.assertEqual(self.memberships().filtered(
            lambda m: m.member_number == "KL-00010").relation, "child")
        # not for AgroEmprende, whose staff do not see Kléla's words either
        Word = self.env["coup.member.import.word"]
        self.assertEqual(len(Word.search([("company_id", "=", self.coop_ml.id)])), 2)
        self.assertFalse(Word.with_user(self.user_co).search([]))
        self.assertEqual(Word.with_user(self.manager_ml).search_count([]), 2)

    def test_repeated_row_is_imported_once(self):
        rows = klela_rows()
        rows.append(list(rows[2]))
        record = self.make_import(rows)
        record.action_check()
        self.assertEqual((record.error_count, record.duplicate_count), (0, 1))
        self.assertIn("is the same row as row 3: imported once", record.warning_html)
        record.action_import()
        self.assertEqual(len(self.memberships()), 4)
        self.assertIn("Repeated rows imported once: 1.", record.result_message)

    def test_one_member_written_twice_is_imported_once_with_a_warning(self):
        """Rows that differ by case, a trailing space or the date's format are one person:
        imported once with a warning, not both rejected (nor the household with them)."""
        rows = klela_rows()
        twice = list(rows[2])
        twice[1], twice[2], twice[4] = "DIALLO ", "lassina", "1983-08-10"
        rows.insert(3, twice)
        record = self.make_import(rows)
        record.action_check()
        self.assertEqual((record.error_count, record.duplicate_count), (0, 1))
        self.assertIn("is the same person as row 3", record.warning_html)
        record.action_import()
        self.assertEqual(len(self.memberships()), 4)
        lassina = self.memberships().filtered(lambda m: m.member_number == "KL-00002")
        self.assertEqual(lassina.partner_id.name, "Lassina Diallo")
        self.assertEqual(len(lassina.affiliated_membership_ids), 2)

    def test_accents_do_not_make_two_people(self):
        """"Keita" registered before (by a till, without accent) is the register's "Keïta"."""
        kept = self.env["res.partner"].create({"name": "KEITA Siaka", "phone": "62 45 79 65"})
        rows = klela_rows()
        rows[1][10] = None
        record = self.make_import(rows[:2])
        record.action_check()
        self.assertEqual((record.new_count, record.matched_count), (0, 1))
        record.action_import()
        self.assertEqual(self.memberships().partner_id, kept)

    def test_error_list_says_how_many_rows_it_does_not_show(self):
        rows = [KLELA_HEADER] + [["KL-%05d" % n, None, None, "F", None, None, "Fama",
                                  "Principal", None, None, None] for n in range(7)]
        record = self.make_import(rows)
        with patch.object(coup_member_import, "SHOWN_PROBLEMS", 2):
            record.action_check()
        self.assertEqual(record.error_count, 7)
        self.assertIn("… and 5 more rejected rows: download the file of rows to fix.",
                      record.error_html)
        self.assertEqual(record.error_html.count("every member needs a name"), 2)

    def test_two_digit_years_and_future_birth_dates(self):
        rows = klela_rows()
        rows[1][4] = "09/01/55"
        rows[2][4] = "01/01/2090"
        record = self.make_import(rows)
        record.action_import()
        members = {m.member_number: m.partner_id for m in self.memberships()}
        self.assertEqual(members["KL-00001"].birth_date, datetime.date(1955, 1, 9))
        self.assertFalse(members["KL-00002"].birth_date)
        self.assertEqual(record.warning_count, 1)

    def test_one_name_is_a_member_no_name_is_not(self):
        rows = klela_rows()
        rows[1][2] = None                 # "Keïta" only
        rows[2][1] = None                 # "Lassina" only
        rows.append(["KL-00005", None, None, "F", None, None, "Fama", "Principal", None, None,
                     None])
        record = self.make_import(rows)
        record.skip_invalid = True
        record.action_import()
        names = {m.member_number: m.partner_id.name for m in self.memberships()}
        self.assertEqual(names["KL-00001"], "Keïta")
        self.assertEqual(names["KL-00002"], "Lassina")
        self.assertNotIn("KL-00005", names)
        self.assertEqual(record.error_count, 1)

    def test_formula_without_value_and_overlong_cells_are_reported(self):
        rows = klela_rows()
        rows[1][2] = "=CONCATENATE(B3,C3)"  # saved by a script: no cached result
        rows[2][2] = "Lassina" * 500
        rows.append(["KL-00005", "Traoré", "Massitan", "F", None, None, "Kignan " * 100,
                     "Principal", None, None, None])  # a village of 699 characters: a warning
        record = self.make_import(rows)
        record.action_check()
        self.assertIn("=CONCATENATE(B3,C3)", record.error_html)
        self.assertIn("is a formula whose result was never saved", record.error_html)
        self.assertIn("is 3500 characters long, more than the 64", record.error_html)
        self.assertIn("is 699 characters long", record.warning_html)
        self.assertEqual(record.error_count, 4, "two principals, and KL-00002's household")
        record.skip_invalid = True
        record.action_import()
        self.assertFalse(self.env["res.partner"].search([("name", "like", "LassinaLassina")]))
        massitan = self.memberships().partner_id
        self.assertEqual((massitan.name, massitan.village), ("Massitan Traoré", False))

    def test_bad_phone_keeps_the_member_and_the_household(self):
        rows = klela_rows()
        rows[2][5] = "12345"
        rows[2][10] = rows[3][10] = rows[4][10] = None
        record = self.make_import(rows)
        record.action_import()
        self.assertEqual(record.state, "done", record.error_html)
        lassina = self.memberships().filtered(lambda m: m.member_number == "KL-00002")
        self.assertFalse(lassina.partner_id.phone)
        self.assertEqual(len(lassina.affiliated_membership_ids), 2)
        # nothing to match on but the member numbers: the second import creates nobody
        partners = self.env["res.partner"].search_count([])
        again = self.make_import(rows)
        again.action_check()
        self.assertEqual((again.new_count, again.matched_count, again.error_count), (0, 4, 0))
        again.action_import()
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_messy_registers_keep_every_real_member(self):
        """Generated Malian and Colombian registers, as unions collect them (see
        tests/messy_register.py at the repository's root): under 1 % rejected, and a second
        import creates nothing."""
        from odoo.addons.coup_member_registry.tests import messy_register
        for company, country in ((self.coop_ml, "ml"), (self.coop_co, "co")):
            data, truly_bad = messy_register.register(country, 400, seed=3)
            record = self.make_import(data, company=company)
            record.action_check()
            self.assertEqual(record.error_count, truly_bad, record.error_html)
            self.assertLess(record.error_count, record.row_count * 0.01)
            self.assertGreater(record.warning_count, 0)
            record.skip_invalid = True
            record.action_import()
            created = self.memberships(company)
            self.assertEqual(len(created), record.new_count + record.matched_count)
            self.assertEqual(record.matched_count, 0, "nobody of this register was known")
            again = self.make_import(data, company=company)
            again.action_check()
            self.assertEqual(again.new_count, 0, again.error_html)
            self.assertEqual(again.matched_count, len(created))
            again.skip_invalid = True
            again.action_import()
            self.assertEqual(self.memberships(company), created)
