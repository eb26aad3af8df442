import json
import os
import shutil
import tempfile

import lxml.html

from odoo.tests import HttpCase, tagged

from odoo.addons.coup_member_registry.tools import indelible

from .common import MarketCase


@tagged("post_install", "-at_install")
class TestIntegrity(MarketCase):

    def test_the_chain_links_each_record_to_the_one_before(self):
        first, second, third = self.delivery(), self.delivery(), self.delivery(self.siaka)
        self.assertEqual(first.coup_previous_hash, "0" * 64)
        self.assertEqual(second.coup_previous_hash, first.coup_hash)
        self.assertEqual(third.coup_previous_hash, second.coup_hash)
        self.assertEqual([p.sequence_number for p in first | second | third], [1, 2, 3])
        result = self.env["coup.purchase"]._coup_check_integrity(self.coop_ml)
        self.assertEqual((result["count"], result["broken"], result["reason"]),
                         (3, False, False))

    def test_a_long_chain_is_read_one_slice_at_a_time(self):
        """A season's chain is millions of records: the check holds one slice in memory,
        never the whole chain, and still names the first broken record in a later slice."""
        Purchase = self.env["coup.purchase"]
        deliveries = self.delivery() | self.delivery(self.siaka) | self.delivery() \
            | self.delivery(self.siaka) | self.delivery()
        self.env.flush_all()
        self.patch(type(Purchase), "_coup_check_slice", 2)
        read = type(Purchase)._coup_canonical_rows
        slices = []

        def counted(model, company, ids=None, after=0, limit=None):
            rows = read(model, company, ids=ids, after=after, limit=limit)
            slices.append((after, limit, [row[1] for row in rows]))
            return rows

        self.patch(type(Purchase), "_coup_canonical_rows", counted)
        result = Purchase._coup_check_integrity(self.coop_ml)
        self.assertEqual((result["count"], result["broken"], result["head"]), (5, False, 5))
        self.assertEqual(slices, [(0, 2, ["ACH/000001", "ACH/000002"]),
                                  (2, 2, ["ACH/000003", "ACH/000004"]),
                                  (4, 2, ["ACH/000005"])])
        self.env.cr.execute("ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard; "
                            "UPDATE coup_purchase_line SET gross_kg = 502.5 WHERE purchase_id = %s; "
                            "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard",
                            (deliveries[3].id,))
        result = Purchase._coup_check_integrity(self.coop_ml)
        self.assertEqual((result["count"], result["broken"], result["reason"]),
                         (4, "ACH/000004", "content"))

    def test_a_row_altered_in_sql_is_named(self):
        deliveries = self.delivery() | self.delivery() | self.delivery()
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard; "
                            "UPDATE coup_purchase_line SET gross_kg = 502.5 WHERE purchase_id = %s; "
                            "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard",
                            (deliveries[1].id,))
        self.env.invalidate_all()
        results = self.coop_ml._coup_run_integrity_check()
        result = results[(self.coop_ml.id, "coup.purchase")]
        self.assertEqual((result["broken"], result["reason"]), ("ACH/000002", "content"))
        self.assertFalse(self.coop_ml.coup_integrity_ok)
        self.assertIn("ACH/000002", self.coop_ml.coup_integrity_result)
        self.assertIn("its content was changed", self.coop_ml.coup_integrity_result)
        # the other cooperative's chain is untouched
        self.assertFalse(self.env["coup.purchase"]._coup_check_integrity(self.coop_co)["broken"])

    def test_the_check_reads_in_the_staffs_language(self):
        """A French secretary reads the kinds of record as the menus name them and the anchor's
        time as a French date, not the model's technical description and an ISO stamp."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["coup_member_registry", "coup_marketplace"], ["fr_FR"], overwrite=True)
        self.delivery()
        self.env.cr.postcommit.run()  # the anchor a commit would write
        self.coop_ml.with_context(lang="fr_FR")._coup_run_integrity_check()
        result = self.coop_ml.coup_integrity_result
        self.assertIn("Livraison de produits : 1 enregistrement(s) vérifié(s), tous intacts.",
                      result)
        self.assertRegex(result, r"Tête ancrée : ACH/000001 le \d{1,2} \w+\.? \d{4}, \d\d:\d\d")
        self.assertNotIn("Produce Delivery", result)

    def test_a_deleted_record_or_a_rewritten_link_is_named(self):
        deliveries = self.delivery() | self.delivery() | self.delivery()
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard; "
                            "ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard; "
                            "DELETE FROM coup_purchase_line WHERE purchase_id = %s; "
                            "DELETE FROM coup_purchase WHERE id = %s; "
                            "ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard; "
                            "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard",
                            (deliveries[1].id, deliveries[1].id))
        self.env.invalidate_all()
        result = self.env["coup.purchase"]._coup_check_integrity(self.coop_ml)
        self.assertEqual((result["broken"], result["reason"]), ("ACH/000003", "gap"))

    def test_the_check_report_prints(self):
        self.delivery()
        self.coop_ml.action_coup_check_integrity()
        self.assertTrue(self.coop_ml.coup_integrity_ok)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_member_registry.action_report_coup_integrity", self.coop_ml.ids)[0]
        self.assertIn(b"All records are intact", html)

    def test_the_receipt_shows_paid_or_unpaid_and_a_qr_code(self):
        purchase = self.delivery()
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_marketplace.action_report_coup_purchase_receipt", purchase.ids)[0].decode()
        self.assertIn("ACH/000001", html)
        self.assertIn("Unpaid", html)
        self.assertIn("/report/barcode/?barcode_type=QR", html)
        self.assertIn(purchase.coup_verify_token, html)
        self.assertIn(purchase.coup_hash[:16], html)


@tagged("post_install", "-at_install")
class TestPublicVerification(MarketCase, HttpCase):
    _coup_prefix = "Verify"

    def test_the_qr_page_confirms_a_record_and_reveals_nothing_else(self):
        purchase = self.delivery()
        self.env.flush_all()
        page = self.url_open("/coup/verify/purchase/%s" % purchase.coup_verify_token)
        self.assertEqual(page.status_code, 200)
        self.assertIn("This record is intact", page.text)
        self.assertIn("ACH/000001", page.text)
        self.assertIn("400.00 kg", page.text)
        self.assertNotIn("Awa Market", page.text)
        # what the page says (the layout's asset hashes aside): the record's hash, no amount
        shown = lxml.html.fromstring(page.text).find_class("o_coup_verify")[0].text_content()
        self.assertIn(purchase.coup_hash, shown)
        self.assertNotIn("140", shown.replace(purchase.coup_hash, ""))
        # without the receipt's code: nothing
        wrong = self.url_open("/coup/verify/purchase/%s" % ("a" * 24))
        self.assertIn("No record matches", wrong.text)
        self.assertNotIn("ACH/000001", wrong.text)
        # a record altered in the database no longer verifies
        self.env.cr.execute("ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard; "
                            "UPDATE coup_purchase SET advance_deducted = 1 WHERE id = %s; "
                            "ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard",
                            (purchase.id,))
        altered = self.url_open("/coup/verify/purchase/%s" % purchase.coup_verify_token)
        self.assertIn("No record matches", altered.text)

    def test_the_qr_page_reads_numbers_in_the_readers_language(self):
        purchase = self.delivery()
        self.env.flush_all()
        self.env["res.lang"]._activate_lang("fr_FR")
        french = self.url_open("/fr/coup/verify/purchase/%s" % purchase.coup_verify_token)
        self.assertIn("400,00 kg", french.text)
        self.assertNotIn("400.00", french.text)


@tagged("post_install", "-at_install")
class TestIntegrityOverRuns(MarketCase):
    """A federation's chain of millions takes more than one run of the nightly cron within
    Odoo's CPU limit: each run stops at its budget, after a whole slice, and the next goes on
    where it stopped, reading each record once; what changes behind or ahead of it is still
    named, and a run killed before its commit leaves the pass as it was."""

    def setUp(self):
        super().setUp()
        Record = type(self.env["coup.indelible.record"])
        Purchase = type(self.env["coup.purchase"])
        self.deliveries = self.delivery() | self.delivery(self.siaka) | self.delivery() \
            | self.delivery(self.siaka) | self.delivery()
        self.delivery(self.diego)
        self.env.flush_all()
        self.env.cr.postcommit.run()  # the heads anchored, as a commit does
        folder = tempfile.mkdtemp(prefix="coup-check-pass-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        self.pass_path = os.path.join(folder, "db.check.json")
        self.patch(Record, "_coup_check_pass_path", lambda model: self.pass_path)
        self.patch(Purchase, "_coup_check_slice", 2)
        read = Purchase._coup_canonical_rows
        self.slices = []

        def counted(model, company, ids=None, after=0, limit=None):
            rows = read(model, company, ids=ids, after=after, limit=limit)
            if company == self.coop_ml:
                self.slices.append(after)
            return rows

        self.patch(Purchase, "_coup_canonical_rows", counted)
        self.coops = self.coop_ml | self.coop_co

    def run_pass(self, commit=True):
        """One run of the nightly check that stops after each slice it reads, committed (its
        pass kept) or killed before its commit."""
        self.env.invalidate_all()
        done = self.coops._coup_run_integrity_pass(lambda: True)
        if commit:
            self.env.cr.postcommit.run()
        else:
            self.env.cr.postcommit.clear()
        return done

    def kept(self):
        with open(self.pass_path, encoding="utf-8") as handle:
            return json.load(handle)

    def run_until_done(self):
        for __ in range(10):
            if self.run_pass():
                return
        self.fail("the pass never ends")

    def raise_weight(self, delivery):
        """A weight raised in SQL behind the ORM, its seal left as it was."""
        self.env.cr.execute(
            "ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard; "
            "UPDATE coup_purchase_line SET gross_kg = 502.5 WHERE purchase_id = %s; "
            "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard", (delivery.id,))

    def seal(self, record):
        self.env.cr.execute("SELECT coup_hash FROM coup_purchase WHERE id = %s", (record.id,))
        return self.env.cr.fetchone()[0]

    def test_each_run_goes_on_where_the_last_stopped(self):
        self.assertFalse(self.run_pass())
        self.assertEqual(self.slices, [0])
        self.assertFalse(self.coop_ml.coup_integrity_date, "noted when all its chains are")
        kept = self.kept()
        self.assertEqual((kept["resume"]["company"], kept["resume"]["model"],
                          kept["resume"]["count"]), (self.coop_ml.id, "coup.purchase", 2))
        self.assertEqual(kept["resume"]["previous"], self.seal(self.deliveries[1]))
        self.assertFalse(self.run_pass())
        self.assertTrue(self.run_pass(), "the rest of Kléla's chain, then Cosecha's at once")
        self.assertEqual(self.slices, [0, 2, 4], "each record read once over the three runs")
        self.assertIn("Produce Delivery: 5 record(s) checked, all intact.",
                      self.coop_ml.coup_integrity_result)
        self.assertIn("Anchored head: ACH/000005", self.coop_ml.coup_integrity_result)
        self.assertTrue(self.coop_ml.coup_integrity_ok and self.coop_co.coup_integrity_ok)
        self.assertIn("1 record(s) checked, all intact.", self.coop_co.coup_integrity_result)
        self.assertFalse(os.path.exists(self.pass_path), "the pass is over")
        # the next pass starts again from the first record
        self.run_pass()
        self.assertEqual(self.slices[3:], [0])

    def test_a_change_ahead_of_a_stopped_check_is_named_by_its_pass(self):
        self.run_pass()
        self.raise_weight(self.deliveries[3])
        self.run_until_done()
        self.assertFalse(self.coop_ml.coup_integrity_ok)
        self.assertIn("the chain breaks at ACH/000004 (its content was changed",
                      self.coop_ml.coup_integrity_result)

    def test_a_change_behind_it_is_named_by_the_next_pass(self):
        """A record already read in this pass and changed since (its seal left as it was)
        is not read again by this pass, as a change made after a whole check is not: the
        next night's pass names it."""
        self.run_pass()
        self.raise_weight(self.deliveries[0])
        self.run_until_done()
        self.assertTrue(self.coop_ml.coup_integrity_ok)
        self.run_until_done()
        self.assertFalse(self.coop_ml.coup_integrity_ok)
        self.assertIn("the chain breaks at ACH/000001", self.coop_ml.coup_integrity_result)

    def test_a_past_resealed_behind_it_starts_the_pass_again(self):
        """Someone holding the key rewrites a record already read and seals the chain again
        from there: the record where the check stopped no longer has the seal it had, so the
        check reads the chain again from its first record, and the anchor names it."""
        self.run_pass()
        self.env.cr.execute(
            "ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard; "
            "ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard; "
            "UPDATE coup_purchase_line SET gross_kg = 502.5 WHERE purchase_id = %s",
            (self.deliveries[0].id,))
        Purchase = self.env["coup.purchase"]
        key, previous = Purchase._coup_key(), "0" * 64
        for pid, __, __, __, __, content in Purchase._coup_canonical_rows(self.coop_ml):
            digest = key.seal(content, previous)
            self.env.cr.execute("UPDATE coup_purchase SET coup_hash = %s, "
                                "coup_previous_hash = %s WHERE id = %s",
                                (digest, previous, pid))
            previous = digest
        self.env.cr.execute("ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard; "
                            "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard")
        del self.slices[:]
        self.run_until_done()
        self.assertEqual(self.slices[:3], [0, 2, 4], "read again from the first record")
        self.assertIn("the chain breaks at ACH/000005 (its seal differs from the one anchored",
                      self.coop_ml.coup_integrity_result)

    def test_an_anchor_journal_of_millions_is_read_over_runs_too(self):
        """The journal gains a line at each confirmation: read for the first time, a
        federation's takes minutes. Its reading stops at the deadline as the chain's does
        (a line at a time here), and the chain is held against the whole journal's head."""
        self.patch(indelible, "_CHUNK", 1)
        self.assertFalse(self.run_pass())
        self.assertEqual(self.slices, [], "the journal's first line read, not the chain yet")
        self.run_until_done()
        self.assertEqual(self.slices, [0, 2, 4])
        self.assertIn("Anchored head: ACH/000005", self.coop_ml.coup_integrity_result)
        self.assertTrue(self.coop_ml.coup_integrity_ok)

    def test_the_cron_notes_each_cooperative_in_its_language(self):
        """The cron runs in no language: Kléla's staff read its result in French, with the
        counts grouped as French writes them."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["coup_member_registry", "coup_marketplace"], ["fr_FR"], overwrite=True)
        self.coop_ml.partner_id.lang = "fr_FR"
        self.coop_co.partner_id.lang = "en_US"
        self.coops.with_context(lang=None)._coup_run_integrity_pass(lambda: False)
        self.assertIn("Livraison de produits : 5 enregistrement(s) vérifié(s), tous intacts.",
                      self.coop_ml.coup_integrity_result)
        self.assertIn("Produce Delivery: 1 record(s) checked", self.coop_co.coup_integrity_result)
        result = dict(self.env["coup.purchase"]._coup_check_integrity(self.coop_ml),
                      count=10000006)
        self.coop_ml.with_context(lang="fr_FR")._coup_note_integrity({"coup.purchase": result})
        sep = self.env["res.lang"]._lang_get("fr_FR").thousands_sep
        self.assertIn("10%s000%s006 enregistrement(s)" % (sep, sep),
                      self.coop_ml.coup_integrity_result)

    def test_a_run_killed_before_its_commit_leaves_the_pass_as_it_was(self):
        self.run_pass()
        self.run_pass(commit=False)
        self.run_pass()
        self.assertEqual(self.slices, [0, 2, 2], "the killed run's slice read again")

    def test_a_kept_pass_edited_by_hand_or_of_another_database_is_not_followed(self):
        """The kept pass is sealed with the server's key: moved on by hand (to skip the
        records), or another database's, it is ignored and the check starts again."""
        self.run_pass()
        kept = self.kept()
        head = self.deliveries[-1]
        for change in ({"resume": dict(kept["resume"], count=5, previous=self.seal(head))},
                       {"database": "another-database"}):
            with self.subTest(change=change):
                with open(self.pass_path, "w", encoding="utf-8") as handle:
                    json.dump(dict(kept, **change), handle)
                del self.slices[:]
                self.run_pass()
                self.assertEqual(self.slices, [0])

    def test_the_cron_triggers_itself_until_the_pass_is_over_then_sends_checkpoints(self):
        Record = type(self.env["coup.indelible.record"])
        cron = self.env.ref("coup_member_registry.ir_cron_coup_integrity")
        Trigger = self.env["ir.cron.trigger"]
        runs = iter([True])
        self.patch(Record, "_coup_check_deadline",
                   lambda model: lambda: next(runs, False))
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        self.env["res.company"]._cron_coup_check_integrity()
        self.env.cr.postcommit.run()
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1,
                         "stopped at its budget: triggered again to go on")
        self.assertFalse(self.env["coup.chain.checkpoint"].search(
            [("company_id", "=", self.coop_ml.id)]))
        self.assertFalse(self.coop_ml.coup_integrity_date)
        self.env["res.company"]._cron_coup_check_integrity()
        self.env.cr.postcommit.run()
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1)
        self.assertTrue(self.coop_ml.coup_integrity_ok)
        self.assertEqual(self.slices, [0, 2, 4])
        self.assertTrue(self.env["coup.chain.checkpoint"].search(
            [("company_id", "=", self.coop_ml.id)]))
        self.assertFalse(os.path.exists(self.pass_path))

    def test_staff_checking_millions_of_records_get_the_check_in_the_background(self):
        """Pressed on chains longer than the staff can wait for (a web request's time is
        limited), the button starts the nightly check's cron and says so, in French too."""
        Record = type(self.env["coup.indelible.record"])
        cron = self.env.ref("coup_member_registry.ir_cron_coup_integrity")
        Trigger = self.env["ir.cron.trigger"]
        triggers = Trigger.search_count([("cron_id", "=", cron.id)])
        self.patch(Record, "_coup_check_inline_limit", 4)
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["coup_member_registry"], ["fr_FR"],
                                                         overwrite=True)
        action = self.coop_ml.with_context(lang="fr_FR").action_coup_check_integrity()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["title"], "La vérification se fait en arrière-plan")
        self.assertIn("5 enregistrements, c'est trop", action["params"]["message"])
        self.assertEqual(Trigger.search_count([("cron_id", "=", cron.id)]), triggers + 1)
        self.assertFalse(self.coop_ml.coup_integrity_date, "not checked while the staff wait")
        self.assertEqual(self.slices, [])
        self.patch(Record, "_coup_check_inline_limit", 5)
        action = self.coop_ml.action_coup_check_integrity()
        # the report (or Odoo's layout dialog before a company's first report)
        self.assertNotEqual(action.get("tag"), "display_notification")
        self.assertEqual(self.slices, [0, 2, 4], "checked while the staff wait")
        self.assertTrue(self.coop_ml.coup_integrity_ok)
