import base64
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.coup_member_registry.tests.common import xlsx_bytes

from ..wizards.coup_capital_import import parse_amount
from .common import CoupCapitalCase

HEADER = ["N° membre", "Nom et prénom", "Téléphone", "Classe", "Nombre de parts",
          "Montant souscrit", "Libéré", "Date de souscription", "Échéance", "N° des parts"]


@tagged("post_install", "-at_install")
class TestCapitalImport(CoupCapitalCase):
    """Kléla's former register, as its secretary kept it in Excel (a title row, French
    headers) or as a CSV with semicolons, taken into the share register."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.moussa.partner_id.phone = "76 45 12 34"

    def make_import(self, data, filename="registre_parts.xlsx", user=None, **vals):
        env = self.env(user=user or self.manager_ml)
        return env["coup.capital.import"].with_company(self.coop_ml).create(dict({
            "company_id": self.coop_ml.id, "filename": filename,
            "file": base64.b64encode(data)}, **vals))

    def register_file(self, rows):
        return xlsx_bytes([HEADER, *rows], title="Registre des parts sociales — Kléla")

    def of_coop(self, model):
        return self.env[model].search([("company_id", "=", self.coop_ml.id)])

    def test_amounts_as_registers_write_them(self):
        self.assertEqual(parse_amount("10 000"), 10000)
        self.assertEqual(parse_amount("10.000"), 10000)
        self.assertEqual(parse_amount("1.234.567,50"), 1234567.5)
        self.assertEqual(parse_amount("1,234.5"), 1234.5)
        self.assertEqual(parse_amount("12,5"), 12.5)
        self.assertEqual(parse_amount("25 000 F CFA"), 25000)
        self.assertIsNone(parse_amount(""))

    def test_import_xlsx_preview_then_register(self):
        """Awa by her member number, Moussa by his name and phone (the person matcher, his
        name written the other way round): checked first (nothing written), then imported
        in the order of the dates, numbered after the register, paid as the file says."""
        self.subscribe(self.awa, self.class_ml, 1)  # shares 1 in the register already
        wizard = self.make_import(self.register_file([
            [None, "TRAORE Moussa", "+223 76 45 12 34", "Part sociale", 2, "20 000", "10 000",
             "15/03/2021", "30/06/2026", "12-13"],
            [self.awa.member_number, "Awa Coulibaly", None, "part SOCIALE", 3, 30000, 30000,
             "02/01/2019", None, "1-3"],
        ]))
        wizard.action_check()
        self.assertEqual((wizard.state, wizard.row_count, wizard.error_count), ("checked", 2, 0))
        self.assertEqual((wizard.share_count, wizard.amount_total, wizard.paid_total),
                         (5, 50000, 40000))
        self.assertIn("Nombre de parts", wizard.preview_html)
        self.assertIn("Shares", wizard.preview_html)
        self.assertIn("TRAORE Moussa", wizard.preview_html)
        self.assertEqual(len(self.of_coop("coup.share.subscription")), 1, "a check writes nothing")

        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertIn("Subscriptions imported: 2 (5 shares)", wizard.result_message)
        awa, moussa = wizard.subscription_ids.sorted("date")
        self.assertEqual((awa.membership_id, moussa.membership_id), (self.awa, self.moussa))
        self.assertEqual({awa.origin, awa.state}, {"import", "confirmed"})
        # the oldest subscription first, after the share already in the register
        self.assertEqual((awa.number_from, awa.number_to), (2, 4))
        self.assertEqual((moussa.number_from, moussa.number_to), (5, 6))
        self.assertEqual(moussa.former_numbers, "12-13")
        self.assertEqual([(i.amount, i.state, str(i.due_date)) for i in moussa.instalment_ids],
                         [(10000, "paid", "2021-03-15"), (10000, "due", "2026-06-30")])
        self.assertEqual(awa.instalment_ids.mapped("state"), ["paid"])
        self.assertEqual(awa.move_id.state, "posted", "the entries are booked")
        self.assertEqual(moussa.instalment_ids[0].move_id.state, "posted")
        (self.awa | self.moussa).invalidate_recordset()
        self.assertEqual((self.moussa.capital_shares, self.moussa.capital_paid,
                          self.moussa.capital_unpaid), (2, 10000, 10000))
        self.assertEqual((self.awa.capital_shares, self.awa.capital_subscribed), (4, 40000))
        result = self.env["coup.share.movement"]._coup_check_integrity(self.coop_ml)
        self.assertFalse(result["broken"])

        # the same file again: every row refused, nothing twice
        again = self.make_import(self.register_file([
            [self.awa.member_number, "Awa Coulibaly", None, "Part sociale", 3, 30000, 30000,
             "02/01/2019", None, "1-3"]]))
        again.action_check()
        self.assertEqual(again.error_count, 1)
        self.assertIn("was imported already", again.error_html)
        with self.assertRaisesRegex(UserError, "nothing was imported"):
            again.action_import()
        self.assertEqual(len(self.of_coop("coup.share.subscription")), 3)

    def test_bad_rows_named_and_nothing_half_written(self):
        """Every bad row named by row, column and value; the whole file refused; skipping
        them imports the good row only and gives the bad ones back in a file."""
        data = "\n".join([
            "N° membre;Nom;Classe;Parts;Libéré;Date",
            "%s;Awa Coulibaly;Part sociale;2;20000;01/02/2020" % self.awa.member_number,
            "ML-99999;Inconnu;Part sociale;1;10000;01/02/2020",
            "%s;Moussa Traoré;Part B;1;10000;01/02/2020" % self.moussa.member_number,
            "%s;Moussa Traoré;Part sociale;11;0;01/02/2020" % self.moussa.member_number,
            "%s;Moussa Traoré;Part sociale;deux;0;01/02/2020" % self.moussa.member_number,
            "%s;Moussa Traoré;Part sociale;1;0;31/02/2020" % self.moussa.member_number,
            "%s;Moussa Traoré;Part sociale;1;15000;01/02/2020" % self.moussa.member_number,
        ]).encode("cp1252")
        wizard = self.make_import(data, filename="registre.csv")
        wizard.action_check()
        self.assertEqual((wizard.row_count, wizard.error_count), (7, 6))
        html = wizard.error_html
        for expected in ("ML-99999", "is not the number of a member",
                         "Part B", "is not a share class", "11 shares of Part sociale",
                         "10 at most", "deux", "whole number", "31/02/2020", "not a date",
                         "15000", "must be between 0 and the"):
            self.assertIn(expected, html)
        with self.assertRaises(UserError) as raised:
            wizard.action_import()
        self.assertIn("Row 3, column N° membre, value “ML-99999”", str(raised.exception))
        self.assertIn("nothing was imported", str(raised.exception))
        for model in ("coup.share.subscription", "coup.share.movement", "coup.share.instalment"):
            self.assertFalse(self.of_coop(model), model)
        self.assertFalse(self.env["account.move"].search([("company_id", "=", self.coop_ml.id)]))

        wizard.skip_invalid = True
        wizard.action_import()
        self.assertEqual(wizard.subscription_ids.membership_id, self.awa)
        self.assertEqual(len(self.of_coop("coup.share.subscription")), 1)
        sheet = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.rejected_file))).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0][0], "Row")
        self.assertEqual([r[0] for r in rows[1:]], [3, 4, 5, 6, 7, 8])
        self.assertIn("Part B", rows[2][-1])

    def test_opening_balance_writes_the_register_only(self):
        """The capital already in the opening balance: the register and the schedule, no
        entry; an applicant whose shares are paid becomes a member."""
        applicant = self.make_member("Fatoumata Keita", self.coop_ml, state="candidate")
        wizard = self.make_import(xlsx_bytes([
            ["Matricule", "Parts", "Date"], [applicant.member_number, 1, "2020-05-04"]]),
            entries="opening")
        wizard.action_import()
        subscription = wizard.subscription_ids
        self.assertFalse(subscription.move_id)
        self.assertEqual(subscription.instalment_ids.mapped("state"), ["paid"],
                         "no paid column: the shares were paid")
        self.assertFalse(self.env["account.move"].search([("company_id", "=", self.coop_ml.id)]))
        self.assertEqual(sorted(subscription.movement_ids.mapped("kind")), ["paid", "subscribed"])
        self.assertEqual(applicant.state, "active")

    def test_unknown_person_and_missing_columns(self):
        wizard = self.make_import(self.register_file([
            [None, "Moussa Traoré", None, "Part sociale", 1, None, 0, "01/01/2020", None, None],
        ]))
        wizard.action_check()
        self.assertIn("is not a member of Cap Coop Mali we can tell apart", wizard.error_html,
                      "a name alone is not a person")
        no_date = self.make_import(xlsx_bytes([["N° membre", "Parts"], ["ML-1", 1]]))
        with self.assertRaisesRegex(UserError, "no column for the subscription date"):
            no_date.action_check()

    def test_other_cooperative_refused(self):
        """The Malian manager cannot import into the Colombian cooperative's register, nor
        match its members."""
        wizard = self.env["coup.capital.import"].with_user(self.manager_ml).create({
            "company_id": self.coop_co.id, "filename": "r.xlsx",
            "file": base64.b64encode(self.register_file([
                [self.diego.member_number, None, None, None, 1, None, None, "01/01/2020",
                 None, None]]))})
        with self.assertRaises(AccessError):
            wizard.action_import()
        self.assertFalse(self.env["coup.share.subscription"].search(
            [("membership_id", "=", self.diego.id)]))
