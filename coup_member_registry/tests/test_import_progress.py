import base64

from odoo.tests import HttpCase, TransactionCase, tagged

from .common import xlsx_bytes
from .test_member_import import klela_rows


@tagged("post_install", "-at_install")
class TestImportProgress(HttpCase):

    def test_form_follows_a_background_import(self):
        admin = self.env.ref("base.user_admin")
        record = self.env["coup.member.import"].create({
            "company_id": admin.company_id.id, "filename": "progress.xlsx",
            "file": base64.b64encode(xlsx_bytes(klela_rows()))})
        record.action_read_file()
        record.write({"state": "queued", "progress": 40.0})
        self.start_tour(
            "/odoo/action-coup_member_registry.coup_member_import_action/%s" % record.id,
            "coup_import_progress_tour", login="admin")
        self.assertEqual(record.state, "done")


@tagged("post_install", "-at_install")
class TestRegistryUninstall(TransactionCase):

    def test_uninstall_drops_the_progress_table(self):
        """The progress table is plain SQL, unknown to the ORM: uninstalling the registry
        drops it (the test's transaction brings it back)."""
        from odoo.addons.coup_member_registry import uninstall_hook

        def table():
            self.env.cr.execute("SELECT to_regclass('coup_member_import_progress')")
            return self.env.cr.fetchone()[0]

        self.assertTrue(table())
        uninstall_hook(self.env)
        self.assertFalse(table())
