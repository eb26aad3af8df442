"""Attacks on the trade records, as an auditor would try them: every guarantee the
marketplace claims (indelible, one number per record, exactly once, isolated, accounting that
follows the records) is attacked here and must be refused or detected.

Each class attacks from one place: the ORM and JSON-RPC with any context, SQL behind the ORM,
the accounting, the portal and the public page, and four callers at once on separate
cursors."""
import hashlib
import json
import os
import uuid

import psycopg2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.coup_member_registry.tests.common import run_at_once
from odoo.addons.coup_member_registry.tools import indelible

from .common import MarketCase


@tagged("post_install", "-at_install")
class TestOrmAttacks(MarketCase):
    """A manager, the superuser, any context: a confirmed record and its lines stay as they
    are; the fields the chain is made of are never the caller's."""

    CONTEXTS = [{}, {"coup_chaining": True}, {"coup_system": True},
                {"coup_system": "__SYSTEM__", "tracking_disable": True, "install_mode": True},
                {"active_test": False, "force_delete": True, "module": "coup_marketplace"}]

    def test_no_context_key_opens_a_confirmed_delivery(self):
        purchase = self.delivery()
        other = self.delivery(self.siaka)
        for user in (self.manager_ml, self.env.ref("base.user_root")):
            for context in self.CONTEXTS:
                record = purchase.with_user(user).with_context(**context)
                with self.subTest(user=user.login, context=context):
                    for vals in ({"advance_deducted": 1000}, {"membership_id": self.siaka.id},
                                 {"date": "2026-01-01"}, {"state": "draft"},
                                 {"bill_id": other.bill_id.id}, {"stock_pending": True},
                                 {"picking_id": False}, {"coup_hash": "0" * 64},
                                 {"name": "ACH/999999"}, {"coup_verify_token": "x" * 24},
                                 {"line_ids": [(5, 0, 0)]}):
                        with self.assertRaises(UserError):
                            record.write(vals)
                    with self.assertRaises(UserError):
                        record.unlink()
                    with self.assertRaises(UserError):
                        record.line_ids.write({"gross_kg": 1000})
                    with self.assertRaises(UserError):
                        record.line_ids.write({"lot_id": other.line_ids.lot_id.id})
                    with self.assertRaises(UserError):
                        record.line_ids.unlink()
        self.assertEqual(purchase.amount_total, 400 * 350)
        self.assertEqual(purchase.bill_id.ref, purchase.name)
        self.assertFalse(self.env["coup.purchase"]._coup_check_integrity(self.coop_ml)["broken"])

    def test_a_line_cannot_be_moved_or_added_into_a_confirmed_delivery(self):
        purchase = self.delivery()
        draft = self.delivery(confirm=False)
        with self.assertRaises(UserError):
            draft.line_ids.with_user(self.manager_ml).write({"purchase_id": purchase.id})
        with self.assertRaises(UserError):
            self.env["coup.purchase.line"].with_user(self.manager_ml).create({
                "purchase_id": purchase.id, "product_id": self.cashew.id, "gross_kg": 50})
        self.assertEqual(len(purchase.line_ids), 1)

    def test_a_caller_never_sets_the_chain_on_a_draft_or_at_creation(self):
        draft = self.delivery(confirm=False)
        Purchase = self.env["coup.purchase"].with_user(self.manager_ml)
        for vals in ({"state": "confirmed"}, {"sequence_number": 7}, {"coup_hash": "a" * 64},
                     {"reversed_id": self.delivery().id}, {"stock_pending": True}):
            with self.subTest(vals=vals):
                with self.assertRaises(UserError):
                    draft.with_user(self.manager_ml).write(vals)
                with self.assertRaises(UserError):
                    Purchase.create({"company_id": self.coop_ml.id,
                                     "membership_id": self.awa.id, **vals})
        with self.assertRaises(UserError):
            draft.line_ids.with_user(self.manager_ml).write({"reversed_line_id": 1})

    def test_the_database_refuses_what_a_bug_in_python_would_let_through(self):
        purchase = self.delivery()
        self.env.flush_all()
        statements = [
            ("UPDATE coup_purchase SET advance_deducted = 1 WHERE id = %s", purchase.id),
            ("UPDATE coup_purchase SET state = 'draft' WHERE id = %s", purchase.id),
            ("UPDATE coup_purchase SET bill_id = NULL WHERE id = %s", purchase.id),
            ("UPDATE coup_purchase SET stock_pending = true WHERE id = %s", purchase.id),
            ("UPDATE coup_purchase SET coup_hash = repeat('0', 64) WHERE id = %s", purchase.id),
            ("DELETE FROM coup_purchase WHERE id = %s", purchase.id),
            ("UPDATE coup_purchase_line SET gross_kg = 1000 WHERE purchase_id = %s", purchase.id),
            ("UPDATE coup_purchase_line SET lot_id = NULL WHERE purchase_id = %s", purchase.id),
            ("DELETE FROM coup_purchase_line WHERE purchase_id = %s", purchase.id),
            ("INSERT INTO coup_purchase_line (purchase_id, product_id, gross_kg, sequence) "
             f"VALUES (%s, {self.cashew.id}, 10, 1)", purchase.id),
        ]
        draft = self.delivery(confirm=False)
        self.env.flush_all()
        statements.append(("UPDATE coup_purchase_line SET purchase_id = %s WHERE purchase_id = "
                           + str(draft.id), purchase.id))
        for statement, param in statements:
            with self.subTest(statement=statement):
                with self.assertRaises(psycopg2.errors.RestrictViolation), \
                        mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    self.env.cr.execute(statement, (param,))
        # what comes after confirmation is set once; the chatter stays free
        purchase.message_post(body="Checked by the auditor.")
        sale = self.env["coup.sale"].create({
            "company_id": self.coop_ml.id, "membership_id": self.awa.id,
            "line_ids": [(0, 0, {"product_id": self.cashew.id, "quantity": 2,
                                 "price_unit": 100})]})
        sale.action_confirm()
        self.env.flush_all()
        with self.assertRaises(psycopg2.errors.RestrictViolation), \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE coup_sale SET invoice_id = NULL WHERE id = %s",
                                (sale.id,))
        with self.assertRaises(psycopg2.errors.RestrictViolation), \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE coup_sale_line SET quantity = 20 WHERE sale_id = %s",
                                (sale.id,))

    def test_one_number_per_record_in_the_database(self):
        first, second = self.delivery(), self.delivery()
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard")
        with self.assertRaises(psycopg2.errors.UniqueViolation), \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE coup_purchase SET sequence_number = %s WHERE id = %s",
                                (first.sequence_number, second.id))
        self.env.cr.execute("ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard")


@tagged("post_install", "-at_install")
class TestSqlAttacks(MarketCase):
    """Someone with the database and not the server's disk: rewriting, re-sealing or deleting
    rows behind the ORM (the guard triggers disabled, as the database's owner can) is
    named by the check."""

    def setUp(self):
        super().setUp()
        self.deliveries = self.delivery() | self.delivery(self.siaka) | self.delivery() \
            | self.delivery(self.siaka)
        self.env.flush_all()
        # the confirmations anchored their heads once committed
        self.env.cr.postcommit.run()
        self.env.cr.execute("ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard; "
                            "ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard")
        self.addCleanup(self.env.cr.execute,
                        "ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard; "
                        "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard")

    def check(self):
        self.env.invalidate_all()
        result = self.env["coup.purchase"]._coup_check_integrity(self.coop_ml)
        return result["broken"], result["reason"]

    def reseal_from(self, number, key):
        """What an attacker does after changing a row: recompute every following seal."""
        Purchase = self.env["coup.purchase"]
        rows = Purchase._coup_canonical_rows(self.coop_ml)
        previous = indelible.GENESIS
        for pid, __, seq, stored, __, content in rows:
            if seq >= number:
                digest = key.seal(content, previous) if key else \
                    hashlib.sha256(indelible.canonical(content, previous)).hexdigest()
                self.env.cr.execute("UPDATE coup_purchase SET coup_hash = %s, "
                                    "coup_previous_hash = %s WHERE id = %s",
                                    (digest, previous, pid))
                stored = digest
            previous = stored

    def test_a_raised_weight_resealed_without_the_key_is_named(self):
        self.assertEqual(self.check(), (False, False))
        target = self.deliveries[1]
        self.env.cr.execute("UPDATE coup_purchase_line SET gross_kg = 502.5, net_kg = 500, "
                            "payable_kg = 500 WHERE purchase_id = %s", (target.id,))
        self.reseal_from(target.sequence_number, key=None)
        self.assertEqual(self.check(), (target.name, "content"))
        # with a key of their own, the same
        self.reseal_from(1, key=indelible.ChainKey(Ed25519PrivateKey.generate()))
        self.assertEqual(self.check(), ("ACH/000001", "content"))

    def test_fields_printed_on_the_receipt_are_sealed(self):
        other_place = self.env["res.partner"].create({
            "name": "Another drop point", "type": "delivery",
            "parent_id": self.coop_ml.partner_id.id})
        target = self.deliveries[2]
        for column, value in (("amount_gross", 1), ("delivery_place_id", other_place.id),
                              ("collector_id", self.siaka.partner_id.id),
                              ("confirm_date", "2026-01-01 00:00:00"),
                              ("price_list_id", None), ("membership_id", self.siaka.id),
                              ("coup_verify_token", "guessable-token-000000")):
            with self.subTest(column=column):
                self.env.cr.execute("SAVEPOINT attack")
                self.env.cr.execute("UPDATE coup_purchase SET %s = %%s WHERE id = %%s" % column,
                                    (value, target.id))
                self.assertEqual(self.check(), (target.name, "content"))
                self.env.cr.execute("ROLLBACK TO SAVEPOINT attack")
        # the member number, which a manager may renumber, is not: no false alarm
        self.awa.member_number = "ML-9201"
        self.assertEqual(self.check(), (False, False))

    def test_a_deleted_tail_is_named(self):
        last = self.deliveries[-1]
        name = last.name
        self.env.cr.execute("DELETE FROM coup_purchase_line WHERE purchase_id = %s; "
                            "DELETE FROM coup_purchase WHERE id = %s", (last.id, last.id))
        self.assertEqual(self.check(), (name, "tail"))

    def test_a_deleted_tail_with_its_numbering_reset_or_an_old_backup_is_named(self):
        last = self.deliveries[-1]
        name = last.name
        self.env.cr.execute("DELETE FROM coup_purchase_line WHERE purchase_id = %s; "
                            "DELETE FROM coup_purchase WHERE id = %s", (last.id, last.id))
        self.env.cr.execute("UPDATE ir_sequence SET number_next = number_next - 1 "
                            "WHERE code = %s", ("coup.purchase.%s" % self.coop_ml.id,))
        self.assertEqual(self.check(), (name, "backup"))

    def test_a_past_rewritten_by_someone_holding_the_key_is_named(self):
        # the server's administrator has the key: a rewritten past then fails against the
        # anchor journal and the witnesses' checkpoint
        checkpoint = self.env["coup.chain.checkpoint"]._coup_send_checkpoints(self.coop_ml)
        target = self.deliveries[1]
        self.env.cr.execute("UPDATE coup_purchase_line SET gross_kg = 502.5, net_kg = 500, "
                            "payable_kg = 500 WHERE purchase_id = %s", (target.id,))
        self.reseal_from(target.sequence_number, key=self.env["coup.purchase"]._coup_key())
        self.assertEqual(self.check(), (self.deliveries[-1].name, "resealed"))
        ok, messages = self.env["coup.chain.checkpoint"]._coup_verify_text(checkpoint.text)
        self.assertFalse(ok)
        self.assertIn("%s no longer has the seal" % self.deliveries[-1].name, "\n".join(messages))

    def test_a_journal_line_forged_by_hand_is_not_believed(self):
        path = self.env["coup.purchase"]._coup_anchor_path()
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"company": self.coop_ml.id, "model": "coup.purchase",
                                     "number": 99, "name": "ACH/000099", "hash": "0" * 64,
                                     "at": "2026-12-01T00:00:00", "key": "x",
                                     "sig": "AAAA"}) + "\n")
        self.assertEqual(self.check(), (False, False))


@tagged("post_install", "-at_install")
class TestSqlAttacksReadInSlices(TestSqlAttacks):
    """The same attacks, named the same, when the check reads the chain two records at a
    time (as it reads a season's millions, ``_coup_check_slice`` at a time): a change in a
    later slice, a gap across a slice's edge, the anchored head in the last slice."""

    allow_inherited_tests_method = True

    def setUp(self):
        super().setUp()
        self.patch(type(self.env["coup.purchase"]), "_coup_check_slice", 2)


@tagged("post_install", "-at_install")
class TestAccountingAttacks(MarketCase):
    """The bill follows the delivery: hash-locked, never back to draft, cancelled or
    deleted; a reversal settles it; a batch bill is the sum of its deliveries."""

    def test_a_members_bill_cannot_be_reset_repriced_or_deleted(self):
        purchase = self.delivery()
        bill = purchase.bill_id
        self.assertTrue(bill.journal_id.restrict_mode_hash_table)
        self.assertTrue(bill.inalterable_hash, "hashed when posted")
        accountant = new_test_user(self.env, "market_accountant_ml",
                                   groups="account.group_account_manager",
                                   company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        for user in (accountant, self.env.ref("base.user_root")):
            with self.subTest(user=user.login):
                move = bill.with_user(user).with_context(force_delete=True)
                with self.assertRaises(UserError):
                    move.button_draft()
                with self.assertRaises(UserError):
                    move.button_cancel()
                with self.assertRaises(UserError):
                    move.write({"state": "draft"})
                with self.assertRaises(UserError):
                    move.unlink()
        self.assertEqual(bill.state, "posted")
        self.coop_ml._coup_run_integrity_check()
        self.assertTrue(self.coop_ml.coup_integrity_ok)

    def test_a_bill_changed_in_sql_is_named_by_the_check(self):
        purchase = self.delivery()
        self.env.flush_all()
        self.env.cr.execute("UPDATE account_move SET amount_total = 1 WHERE id = %s",
                            (purchase.bill_id.id,))
        self.env.invalidate_all()
        self.coop_ml._coup_run_integrity_check()
        self.assertFalse(self.coop_ml.coup_integrity_ok)
        self.assertIn("do not match their records", self.coop_ml.coup_integrity_result)
        self.assertIn(purchase.bill_id.name, self.coop_ml.coup_integrity_result)

    def test_a_reversal_settles_the_bill_and_both_read_reversed(self):
        purchase = self.delivery()
        reversal = self.env["coup.purchase"].browse(purchase.action_reverse()["res_id"])
        bill, refund = purchase.bill_id, reversal.bill_id
        self.assertEqual(refund.move_type, "in_refund")
        self.assertEqual(refund.reversed_entry_id, bill)
        self.assertEqual(bill.payment_state, "reversed")
        self.assertEqual(bill.amount_residual, 0)
        self.assertEqual(refund.amount_residual, 0)
        self.assertEqual((purchase.payment_state, reversal.payment_state),
                         ("reversed", "reversed"))
        self.coop_ml._coup_run_integrity_check()
        self.assertTrue(self.coop_ml.coup_integrity_ok, self.coop_ml.coup_integrity_result)

    def test_a_paid_delivery_reversed_leaves_what_the_member_owes_back(self):
        purchase = self.delivery()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=purchase.bill_id.ids).create(
            {})._create_payments()
        self.assertEqual(purchase.payment_state, "paid")
        reversal = self.env["coup.purchase"].browse(purchase.action_reverse()["res_id"])
        self.assertEqual(purchase.payment_state, "paid")
        self.assertEqual(reversal.payment_state, "not_paid")
        self.assertEqual(reversal.bill_id.amount_residual, 400 * 350)

    def test_a_batch_bill_is_the_sum_of_its_deliveries_to_the_franc(self):
        self.coop_ml.coup_purchase_bill_mode = "batch"
        # 100.33 kg at 351 XOF: 35,215.83 → 35,216 per delivery; 300.99 kg × 351 = 105,647.49
        deliveries = self.delivery(confirm=False, gross_kg=100.33, tare_kg=0, moisture=8)
        deliveries |= self.delivery(confirm=False, gross_kg=100.33, tare_kg=0, moisture=8)
        deliveries |= self.delivery(confirm=False, gross_kg=100.33, tare_kg=0, moisture=8)
        deliveries.line_ids.price_kg = 351
        deliveries.action_confirm()
        self.assertEqual(deliveries.mapped("amount_total"), [35216.0] * 3)
        deliveries.action_create_bills()
        bill = deliveries.bill_id
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.amount_total, sum(deliveries.mapped("amount_total")))
        self.assertIn("Rounding", " ".join(bill.invoice_line_ids.mapped("name")))

    def test_a_reversal_of_one_delivery_of_a_batch_bill_is_set_off_against_it(self):
        self.coop_ml.coup_purchase_bill_mode = "batch"
        first, second = self.delivery(), self.delivery()
        (first | second).action_create_bills()
        bill = first.bill_id
        reversal = self.env["coup.purchase"].browse(first.action_reverse()["res_id"])
        self.assertEqual(bill.amount_residual, second.amount_total)
        self.assertEqual(first.payment_state, "reversed")
        self.assertEqual(reversal.payment_state, "reversed")
        self.assertEqual(second.payment_state, "partial")


@tagged("post_install", "-at_install")
class TestPortalAndPublicAttacks(MarketCase, HttpCase):
    """A member reads only her own confirmed records, never the chain's internals; the public
    page needs the receipt's own code; each cooperative checks only its own records."""

    _coup_prefix = "Probe"

    def setUp(self):
        super().setUp()
        self.awa_user = new_test_user(self.env, "probe_portal_awa", groups="base.group_portal",
                                      partner_id=self.awa.partner_id.id, password="probe_portal_awa")

    def test_a_member_reads_no_chain_internals_no_integrity_and_no_draft(self):
        mine = self.delivery()
        draft = self.delivery(confirm=False)
        Purchase = self.env["coup.purchase"].with_user(self.awa_user)
        self.assertEqual(Purchase.search([]), mine)
        for field in ("coup_hash", "coup_previous_hash", "coup_verify_token"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                mine.with_user(self.awa_user).read([field])
        with self.assertRaises(AccessError):
            draft.with_user(self.awa_user).read(["amount_total"])
        for field in ("coup_integrity_result", "coup_integrity_ok", "coup_witness_ids"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                self.coop_ml.with_user(self.awa_user).read([field])
        with self.assertRaises(AccessError):
            self.coop_ml.with_user(self.awa_user).action_coup_check_integrity()

    def test_another_cooperatives_staff_cannot_run_its_check(self):
        self.delivery()
        with self.assertRaises(AccessError):
            self.coop_ml.with_user(self.user_co).action_coup_check_integrity()
        self.coop_co.with_user(self.user_co).with_company(self.coop_co) \
            .action_coup_check_integrity()

    def test_the_public_page_needs_the_receipts_own_code(self):
        first, second = self.delivery(), self.delivery(self.siaka)
        self.env.flush_all()
        page = self.url_open(first._coup_verify_url())
        self.assertIn("This record is intact", page.text)
        self.assertIn(first.name, page.text)
        # the seals (of this record, of the next one) open nothing, nor do guessed codes
        for path in ("/coup/verify/purchase/%s" % second.coup_previous_hash,
                     "/coup/verify/purchase/%s/%s" % (first.id, first.coup_hash),
                     "/coup/verify/purchase/%s" % first.coup_hash,
                     "/coup/verify/purchase/%s" % uuid.uuid4().hex):
            with self.subTest(path=path):
                response = self.url_open(path)
                self.assertNotIn(first.name, response.text)
                self.assertNotIn("This record is intact", response.text)
        self.assertNotEqual(first.coup_verify_token, second.coup_verify_token)

    def test_a_member_opens_her_input_sale_and_not_another(self):
        sale = self.env["coup.sale"].create({
            "company_id": self.coop_ml.id, "membership_id": self.awa.id,
            "line_ids": [(0, 0, {"product_id": self.cashew.id, "quantity": 2,
                                 "price_unit": 1250})]})
        sale.action_confirm()
        other = self.env["coup.sale"].create({
            "company_id": self.coop_ml.id, "membership_id": self.siaka.id,
            "line_ids": [(0, 0, {"product_id": self.cashew.id, "quantity": 1,
                                 "price_unit": 1250})]})
        self.authenticate("probe_portal_awa", "probe_portal_awa")
        page = self.url_open("/my/inputs/%s" % sale.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn(sale.name, page.text)
        self.assertIn("2,500", page.text)
        self.assertEqual(self.url_open("/my/inputs/%s" % other.id).status_code, 404)
        listing = self.url_open("/my/inputs")
        self.assertIn("/my/inputs/%s" % sale.id, listing.text)

    def test_rpc_with_any_context_changes_nothing(self):
        purchase = self.delivery()
        manager = self.manager_ml
        manager.password = "probe-manager-ml"
        self.authenticate(manager.login, "probe-manager-ml")
        for context in ({"coup_chaining": True}, {"coup_system": True},
                        {"allowed_company_ids": [self.coop_ml.id], "coup_system": 1}):
            for method, args in (("write", [[purchase.id], {"advance_deducted": 5}]),
                                 ("unlink", [[purchase.id]]),
                                 ("_coup_system", [[purchase.id]])):
                with self.subTest(context=context, method=method), \
                        mute_logger("odoo.http"):
                    with self.assertRaises(Exception):
                        self.make_jsonrpc_request("/web/dataset/call_kw", {
                            "model": "coup.purchase", "method": method, "args": args,
                            "kwargs": {"context": context}})
        self.env.invalidate_all()
        self.assertEqual(purchase.advance_deducted, 0)
        self.assertTrue(purchase.exists())


@tagged("post_install", "-at_install")
class TestConcurrentAttacks(TransactionCase):
    """Four callers at once, on separate cursors, each retried by Odoo's request layer as an
    RPC call is: confirmations never fork the chain or share a number, in a new cooperative
    too, and a resend gets the record already made, never an error.

    The callers need committed data: a cooperative of its own is committed for this class,
    with its chart of accounts, and left behind (its records are indelible, by design)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.suffix = uuid.uuid4().hex[:6]
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            cls.company_id, cls.manager_id, cls.member_ids, cls.product_id = \
                cls._make_cooperative(env, "Concurrency Coop %s" % cls.suffix)
            cr.commit()

    @classmethod
    def _make_cooperative(cls, env, name):
        company = env["res.company"].create({
            "name": name, "currency_id": env.ref("base.XOF").id,
            "country_id": env.ref("base.ml").id, "coup_purchase_bill_mode": "batch"})
        company._coup_load_chart("generic_coa")
        env.user.company_ids |= company
        manager = new_test_user(env, "concurrency_%s_%s" % (company.id, cls.suffix),
                                groups="coup_member_registry.group_coup_manager",
                                company_id=company.id, company_ids=[company.id])
        kg = env.ref("uom.product_uom_kgm")
        product = env["product.product"].create({
            "name": "Cashew %s" % name, "is_storable": True, "uom_id": kg.id,
            "uom_po_id": kg.id, "lst_price": 1000})
        env["coup.price.list"].create({
            "name": "Season", "company_id": company.id, "date_from": "2020-01-01",
            "date_to": "2099-12-31", "moisture_standard": 8, "moisture_max": 15,
            "line_ids": [(0, 0, {"product_id": product.id, "price_kg": 350})]})
        members = env["coup.membership"].create([{
            "partner_id": env["res.partner"].create({"name": "Member %s %s" % (i, name)}).id,
            "company_id": company.id, "state": "active"} for i in range(4)])
        return company.id, manager.id, members.ids, product.id

    def run_at_once(self, func, count=4):
        return run_at_once(self, func, self.manager_id,
                           {"allowed_company_ids": [self.company_id]}, count=count)

    def fresh_env(self):
        cr = self.registry.cursor()
        self.addCleanup(cr.close)
        return api.Environment(cr, SUPERUSER_ID, {})

    def make_drafts(self, model, count=4):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            if model == "coup.purchase":
                records = env[model].create([{
                    "company_id": self.company_id, "membership_id": member,
                    "line_ids": [(0, 0, {"product_id": self.product_id, "gross_kg": 100,
                                         "moisture": 8})]}
                    for member in self.member_ids[:count]])
            else:
                records = env[model].create([{
                    "company_id": self.company_id, "membership_id": member,
                    "line_ids": [(0, 0, {"product_id": self.product_id, "quantity": 1})]}
                    for member in self.member_ids[:count]])
            cr.commit()
            return records.ids

    def test_four_first_confirmations_at_once_never_fork_the_chain(self):
        for model in ("coup.purchase", "coup.sale"):
            with self.subTest(model=model):
                ids = self.make_drafts(model)
                if model == "coup.sale":
                    # as in a cooperative made before the module: no numbering yet, four
                    # confirmations race to make it
                    with self.registry.cursor() as cr:
                        cr.execute("DELETE FROM ir_sequence WHERE code = %s",
                                   ("coup.sale.%s" % self.company_id,))
                        cr.execute("DELETE FROM coup_capture_ref WHERE model = 'ir.sequence' "
                                   "AND client_ref = %s", ("coup.sale.%s" % self.company_id,))
                        cr.commit()
                results = self.run_at_once(
                    lambda env, i, model=model, ids=ids: env[model].browse(ids[i])
                    .action_confirm())
                self.assertEqual([r[0] for r in results], ["ok"] * 4, results)
                env = self.fresh_env()
                company = env["res.company"].browse(self.company_id)
                records = env[model].browse(ids)
                self.assertEqual(sorted(records.mapped("sequence_number")), [1, 2, 3, 4])
                self.assertEqual(len(set(records.mapped("name"))), 4)
                self.assertEqual(env["ir.sequence"].search_count(
                    [("code", "=", "%s.%s" % (model, self.company_id))]), 1)
                self.assertFalse(env[model]._coup_check_integrity(company)["broken"])

    def test_a_delivery_confirmed_while_the_check_reads_is_no_alarm(self):
        """A season's nightly check reads one snapshot of the database for minutes; a till's
        delivery confirmed and anchored meanwhile is newer than that snapshot, not an old
        backup restored nor a deleted tail."""
        with self.registry.cursor() as cr:  # a cooperative of its own, one delivery in
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company_id, __, member_ids, product_id = self._make_cooperative(
                env, "Night Check Coop %s" % self.suffix)
            first, second = env["coup.purchase"].create([{
                "company_id": company_id, "membership_id": member,
                "line_ids": [(0, 0, {"product_id": product_id, "gross_kg": 100,
                                     "moisture": 8})]} for member in member_ids[:2]])
            first.action_confirm()
            second = second.id
        # the check's transaction: its snapshot begins with its first query
        env = self.fresh_env()
        company = env["res.company"].browse(company_id)
        env.cr.execute("SELECT 1")
        with self.registry.cursor() as cr:  # committed and anchored while the check reads
            api.Environment(cr, SUPERUSER_ID, {})["coup.purchase"].browse(second) \
                .action_confirm()
        result = env["coup.purchase"]._coup_check_integrity(company)
        self.assertEqual((result["broken"], result["reason"], result["anchor"]["number"],
                          result["count"]), (False, False, 2, 1))
        number = 2
        # the next check reads it, and a tail deleted after it is still named
        env = self.fresh_env()
        self.assertEqual(env["coup.purchase"]._coup_check_integrity(company)["count"], number)
        env.cr.execute("ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard; "
                       "ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard; "
                       "DELETE FROM coup_purchase_line WHERE purchase_id = %s; "
                       "DELETE FROM coup_purchase WHERE id = %s; "
                       "ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard; "
                       "ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard",
                       (second, second))
        result = env["coup.purchase"]._coup_check_integrity(company)
        self.assertEqual((result["broken"], result["reason"]),
                         ("ACH/%06d" % number, "tail"))
        env.cr.rollback()

    def test_four_resends_at_once_all_get_the_delivery_recorded_once(self):
        ref = "till-7-%s" % uuid.uuid4().hex

        def send(env, index):
            return env["coup.purchase"].coup_record_delivery({
                "company_id": self.company_id, "membership_id": self.member_ids[0],
                "client_ref": ref,
                "line_ids": [(0, 0, {"product_id": self.product_id, "gross_kg": 80})]}).id

        results = self.run_at_once(send)
        self.assertEqual([r[0] for r in results], ["ok"] * 4, results)
        self.assertEqual(len({r[1] for r in results}), 1)
        env = self.fresh_env()
        self.assertEqual(env["coup.purchase"].search_count(
            [("company_id", "=", self.company_id), ("client_ref", "=", ref)]), 1)


@tagged("post_install", "-at_install")
class TestKeyOutsideTheDatabase(MarketCase):
    """The key is on the server's disk, made once, never in the database."""

    def test_the_key_is_a_private_file_and_not_in_the_database(self):
        self.delivery()
        key = self.env["coup.purchase"]._coup_key()
        self.assertTrue(os.path.exists(key.path))
        self.assertEqual(os.stat(key.path).st_mode & 0o777, 0o600)
        with open(key.path) as handle:
            pem = handle.read()
        body = "".join(pem.strip().splitlines()[1:-1])
        self.env.cr.execute("SELECT count(*) FROM ir_config_parameter WHERE value LIKE %s",
                            ("%%%s%%" % body[:24],))
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.coop_ml._coup_run_integrity_check()
        self.assertIn(key.fingerprint, self.coop_ml.coup_integrity_result)
        self.assertEqual(fields.Datetime.to_string(self.coop_ml.coup_integrity_date)[:10],
                         fields.Date.to_string(fields.Date.today()))

    def test_a_witness_checkpoint_verifies_and_an_altered_one_does_not(self):
        self.coop_ml.coup_witness_ids = self.env["res.partner"].create(
            {"name": "Board member", "email": "board@example.com"})
        self.delivery()
        checkpoint = self.env["coup.chain.checkpoint"]._coup_send_checkpoints(self.coop_ml)
        self.assertIn("ACH 000001", checkpoint.text)
        mail = self.env["mail.mail"].search([("email_to", "ilike", "board@example.com")])
        self.assertIn(checkpoint.text, mail.body_html)
        ok, messages = self.env["coup.chain.checkpoint"]._coup_verify_text(checkpoint.text)
        self.assertTrue(ok, messages)
        altered = checkpoint.text.replace("ACH 000001", "ACH 000002")
        ok, messages = self.env["coup.chain.checkpoint"]._coup_verify_text(altered)
        self.assertFalse(ok)
        self.assertIn("altered", messages[0])
        ok, messages = self.env["coup.chain.checkpoint"]._coup_verify_text("hello")
        self.assertFalse(ok)
        self.assertIn("not a Co-Up checkpoint", messages[0])

