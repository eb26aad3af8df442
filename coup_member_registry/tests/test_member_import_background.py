import base64
import random
import uuid
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

from odoo.addons.coup_member_registry.models import coup_member_import

from .common import KLELA_HEADER, committed_env, mali_cooperative, xlsx_bytes


@tagged("post_install", "-at_install")
class TestBackgroundImportCommitted(TransactionCase):
    """A large register imported by the background job as on a server: the job's transaction,
    the progress committed apart on its own connection, the office reading the form. In the
    test's own transaction none of this meets; here each is a real, committed transaction.
    A cooperative and its queued import are committed for this class and removed afterwards.

    Found by the season's load run: the job committed its progress on the import's row, then
    could no longer write that row itself (REPEATABLE READ): every background import failed
    at its very end with a serialization failure, and stayed queued."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        suffix = uuid.uuid4().hex[:8]
        letters = "".join(chr(ord("a") + int(c, 16) % 26) for c in suffix).capitalize()
        phone = random.randint(60000000, 69999999)  # noqa: S311 - a test's number
        cls.rows = [KLELA_HEADER] + [
            ["BG-%s-%s" % (suffix, n), "Coulibaly%s" % letters, name, "F", "02/03/1990",
             str(phone + n), "Niéna", "Principal", None, None, "BG%s%s" % (suffix, n)]
            for n, name in enumerate(["Awa", "Mariam", "Fatoumata"])]
        with committed_env(cls.registry) as env:
            company = mali_cooperative(env, "Niéna Background %s" % suffix)
            record = env["coup.member.import"].with_company(company).create({
                "company_id": company.id, "filename": "niena.xlsx",
                "file": base64.b64encode(xlsx_bytes(cls.rows))})
            with patch.object(coup_member_import, "BACKGROUND_ROWS", 2):
                record.action_import()
            cls.company_id, cls.import_id = company.id, record.id

    @classmethod
    def tearDownClass(cls):
        with committed_env(cls.registry, active_test=False) as env:
            memberships = env["coup.membership"].search([("company_id", "=", cls.company_id)])
            partners = memberships.partner_id
            env.cr.execute(SQL("DELETE FROM coup_membership WHERE id = ANY(%s)",
                               memberships.ids))
            partners.unlink()
            env["coup.member.import"].browse(cls.import_id).unlink()
            env["res.company"].browse(cls.company_id).active = False
        super().tearDownClass()

    def committed(self):
        """The import and its cooperative's members as the office reads them afterwards."""
        with committed_env(self.registry) as env:
            record = env["coup.member.import"].browse(self.import_id)
            members = env["coup.membership"].search([("company_id", "=", self.company_id)])
            return record.state, record.progress, sorted(members.partner_id.mapped("member_first_name"))

    def run_job(self):
        with committed_env(self.registry) as env:
            env["coup.member.import"]._cron_run_queued_imports()

    def test_a_concurrent_transaction_leaves_it_queued_then_it_completes(self):
        self.assertEqual(self.committed(), ("queued", 0.0, []))
        # another transaction conflicts with the job's at the end of its work: nothing is
        # written, the import stays queued, and the job comes back for it in a minute
        original = coup_member_import.CoupMemberImport._import_memberships

        def conflict(record, *args):
            original(record, *args)
            # PostgreSQL's own error, as the conflict raises it
            record.env.cr.execute("DO $$ BEGIN RAISE EXCEPTION 'concurrent update' "
                                  "USING ERRCODE = 'serialization_failure'; END $$")
        logger = "odoo.addons.coup_member_registry.models.coup_member_import"
        with patch.object(coup_member_import.CoupMemberImport, "_import_memberships", conflict), \
                mute_logger("odoo.sql_db"), self.assertLogs(logger, "WARNING") as logs:
            self.run_job()
        self.assertIn("runs again in 60 s", logs.output[0])
        state, __, members = self.committed()
        self.assertEqual((state, members), ("queued", []))
        with committed_env(self.registry) as env:
            cron = env.ref("coup_member_registry.ir_cron_coup_member_import")
            env.cr.execute(SQL("SELECT count(*) FROM ir_cron_trigger WHERE cron_id = %s "
                               "AND call_at > now() at time zone 'UTC'", cron.id))
            self.assertTrue(env.cr.fetchone()[0], "the job is called again")
        # the job's next run commits its progress apart as it goes, and still writes the
        # import's result in its own transaction: all the rows, once
        self.run_job()
        self.assertEqual(self.committed(), ("done", 100.0, ["Awa", "Fatoumata", "Mariam"]))
        with committed_env(self.registry) as env:
            env.cr.execute(SQL("SELECT percent FROM coup_member_import_progress "
                               "WHERE import_id = %s", self.import_id))
            self.assertEqual(env.cr.fetchall(), [(100.0,)], "the progress was committed apart")
