import lxml.html

from odoo.tests import HttpCase, tagged

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
