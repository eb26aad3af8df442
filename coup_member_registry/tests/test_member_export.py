import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import CoupCase
from .test_member_import import klela_rows


@tagged("post_install", "-at_install")
class TestMemberExport(CoupCase):

    def export(self, companies, **vals):
        wizard = self.env["coup.member.export"].create(
            dict(company_ids=[(6, 0, companies.ids)], **vals))
        wizard.action_export()
        return wizard

    def test_round_trip_changes_nothing(self):
        self.make_import(klela_rows()).action_import()
        members = self.env["coup.membership"].search([("company_id", "=", self.coop_ml.id)])
        before = members.read(["member_number", "membership_type", "principal_membership_id",
                               "relation", "gender", "birth_date", "phone", "village",
                               "national_id", "join_date"])
        self.env.flush_all()
        self.env.cr.execute(SQL("SELECT max(write_date) FROM res_partner WHERE id = ANY(%s)",
                                members.partner_id.ids))
        written = self.env.cr.fetchone()[0]
        wizard = self.export(self.coop_ml)
        self.assertTrue(wizard.filename.endswith(".xlsx"))
        record = self.make_import(base64.b64decode(wizard.file), filename=wizard.filename)
        record.action_check()
        self.assertEqual((record.error_count, record.new_count, record.matched_count), (0, 0, 4))
        record.action_import()
        self.env.flush_all()
        members.invalidate_recordset()
        self.assertEqual(members.read(list(before[0])), before)
        self.env.cr.execute(SQL("SELECT max(write_date) FROM res_partner WHERE id = ANY(%s)",
                                members.partner_id.ids))
        self.assertEqual(self.env.cr.fetchone()[0], written, "the round trip rewrote members")

    def test_federation_export_has_one_sheet_per_cooperative(self):
        self.make_import(klela_rows()).action_import()
        self.make_member("Jorge López", self.coop_co, gender="male")
        wizard = self.export(self.coop_ml | self.coop_co)
        workbook = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        self.assertEqual(sorted(workbook.sheetnames), ["Test Coop Colombia", "Test Coop Mali"])
        mali = list(workbook["Test Coop Mali"].iter_rows(values_only=True))
        self.assertEqual(mali[0][:3], ("Member Number", "Last Name", "First Name"))
        self.assertEqual(len(mali), 5)
        self.assertIn(("KL-00003", "Diallo", "Djénéba", "Female"), [r[:4] for r in mali])
        colombia = list(workbook["Test Coop Colombia"].iter_rows(values_only=True))
        self.assertEqual(colombia[1][:2], ("CO-00001", "Jorge López"))

    def test_members_who_left_are_left_out_unless_asked(self):
        kept = self.make_member("Kept", self.coop_ml)
        self.make_member("Gone", self.coop_ml).action_resign()
        rows = list(openpyxl.load_workbook(io.BytesIO(base64.b64decode(
            self.export(self.coop_ml).file))).active.iter_rows(values_only=True))
        self.assertEqual([r[1] for r in rows[1:]], ["Kept"])
        rows = list(openpyxl.load_workbook(io.BytesIO(base64.b64decode(
            self.export(self.coop_ml, include_left=True).file))).active.iter_rows(values_only=True))
        self.assertEqual(len(rows), 3)
        self.assertTrue(kept)

    def test_nothing_to_export(self):
        with self.assertRaisesRegex(UserError, "no member to export"):
            self.export(self.coop_co)
