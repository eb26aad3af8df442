import uuid

from psycopg2 import errors

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged

from odoo.addons.coup_member_registry.tests.common import committed_env, mali_cooperative, run_at_once


@tagged("post_install", "-at_install")
class TestConcurrentTickets(TransactionCase):
    """Tills of one cooperative sending tickets at the same moment, each on its own database
    connection as the till's own call records it (its own READ COMMITTED transaction): every
    ticket recorded once, numbers without a gap, the chain intact, and not one caller failed
    with a serialization error that Odoo would have to replay. The callers need committed
    data: a cooperative of its own is committed for this class (its confirmed deliveries are
    indelible, so they stay, as the marketplace's own concurrency tests leave theirs)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        suffix = uuid.uuid4().hex[:6]
        with committed_env(cls.registry) as env:
            company = mali_cooperative(env, "Kléla Tickets %s" % suffix,
                                       coup_purchase_bill_mode="batch")
            env = env(context=dict(env.context, allowed_company_ids=[company.id]))
            config = env["pos.config"].with_company(company).create({
                "name": "Kléla till %s" % suffix, "company_id": company.id,
                "coup_collection": True, "payment_method_ids": [(6, 0, [])]})
            product = env["product.product"].create({
                "name": "Cashew %s" % suffix, "company_id": company.id, "taxes_id": []})
            env["coup.price.list"].create({
                "name": "Season", "company_id": company.id, "date_from": "2020-01-01",
                "date_to": "2099-12-31", "moisture_standard": 8, "moisture_max": 15,
                "line_ids": [(0, 0, {"product_id": product.id, "price_kg": 350})]})
            members = env["coup.membership"].create([{
                "partner_id": env["res.partner"].create({"name": "Member %s" % i}).id,
                "company_id": company.id, "state": "active"} for i in range(4)])
            cls.company_id, cls.config_id, cls.product_id = company.id, config.id, product.id
            cls.partner_ids = members.partner_id.ids

    def ticket(self, ref, index=0):
        return {"uuid": ref, "partner_id": self.partner_ids[index % 4], "lines": [
            {"product_id": self.product_id, "gross_kg": 40 + index, "tare_kg": 0.5,
             "moisture": 8, "source": "scale"}]}

    def send_at_once(self, tickets):
        failures = []

        def send(env, index):
            try:
                return env["coup.purchase"]._coup_pos_alone("_coup_pos_record", self.config_id,
                                                             tickets[index])
            except errors.SerializationFailure as error:
                failures.append(error)
                raise

        results = run_at_once(self, send, SUPERUSER_ID,
                              {"allowed_company_ids": [self.company_id]}, count=len(tickets))
        self.assertEqual([r[0] for r in results], ["ok"] * len(tickets), results)
        self.assertFalse(failures, "no caller replayed for a serialization failure")
        return [r[1] for r in results]

    def deliveries(self, refs):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            purchases = env["coup.purchase"].search([("company_id", "=", self.company_id),
                                                     ("client_ref", "in", refs)])
            company = env["res.company"].browse(self.company_id)
            return ([(p.client_ref, p.state, p.sequence_number, p.stock_pending)
                     for p in purchases],
                    env["coup.purchase"]._coup_check_integrity(company))

    def test_four_tills_at_once_number_their_tickets_without_replay_nor_gap(self):
        refs = ["t4-%s-%s" % (i, uuid.uuid4().hex) for i in range(4)]
        receipts = self.send_at_once([self.ticket(ref, i) for i, ref in enumerate(refs)])
        self.assertEqual(len({r["name"] for r in receipts}), 4, "four numbers")
        rows, check = self.deliveries(refs)
        self.assertEqual(sorted(r[0] for r in rows), sorted(refs))
        self.assertEqual({r[1] for r in rows}, {"confirmed"})
        self.assertEqual({r[3] for r in rows}, {True}, "the stock entry left to the job")
        self.assertFalse(check["broken"], check)
        self.assertEqual(check["head"], check["count"])
        numbers = sorted(r[2] for r in rows)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 4)), "no gap")

    def test_one_ticket_sent_four_times_at_once_is_one_delivery(self):
        ref = "t1-%s" % uuid.uuid4().hex
        receipts = self.send_at_once([self.ticket(ref)] * 4)
        self.assertEqual(len({r["name"] for r in receipts}), 1, "one number for the four")
        rows, check = self.deliveries([ref])
        self.assertEqual(len(rows), 1)
        self.assertFalse(check["broken"], check)

    def test_four_tills_sending_overlapping_batches_at_once(self):
        """Four tills each send a batch at the same moment: five tickets they all kept (in
        four orders) and two of their own. Thirteen deliveries, numbered without a gap, and
        no caller failed, neither for a serialization failure nor for a deadlock (the batch
        claims its tickets in one order)."""
        shared = ["slow-s-%s-%s" % (i, uuid.uuid4().hex) for i in range(5)]
        own = [["slow-o-%s-%s-%s" % (t, i, uuid.uuid4().hex) for i in range(2)]
                for t in range(4)]
        # each claim takes 20 ms, so that the four batches' claims interleave: claimed in
        # the order each till sent them, they would deadlock
        with self.registry.cursor() as cr:
            cr.execute("""
                CREATE FUNCTION coup_test_slow_claim() RETURNS trigger AS $$
                BEGIN PERFORM pg_sleep(0.02); RETURN NEW; END $$ LANGUAGE plpgsql;
                CREATE TRIGGER coup_test_slow_claim BEFORE INSERT ON coup_capture_ref
                   FOR EACH ROW WHEN (NEW.client_ref LIKE 'slow-%%')
                   EXECUTE FUNCTION coup_test_slow_claim();
            """)

        def drop_trigger():
            with self.registry.cursor() as cr:
                cr.execute("DROP TRIGGER coup_test_slow_claim ON coup_capture_ref; "
                           "DROP FUNCTION coup_test_slow_claim();")

        self.addCleanup(drop_trigger)
        batches = []
        for till in range(4):
            refs = shared[till:] + shared[:till]
            refs = list(reversed(refs)) if till % 2 else refs
            batches.append([self.ticket(ref, i) for i, ref in enumerate(refs + own[till])])
        deadlocks = []

        def send(env, index):
            try:
                return env["coup.purchase"]._coup_pos_alone("_coup_pos_record_many",
                                                             self.config_id, batches[index])
            except (errors.SerializationFailure, errors.DeadlockDetected) as error:
                deadlocks.append(error)
                raise

        results = run_at_once(self, send, SUPERUSER_ID,
                              {"allowed_company_ids": [self.company_id]}, count=4)
        self.assertEqual([r[0] for r in results], ["ok"] * 4, results)
        self.assertFalse(deadlocks, "no caller replayed")
        names = {}
        for batch, (__, receipts) in zip(batches, results):
            for ticket, receipt in zip(batch, receipts):
                names.setdefault(ticket["uuid"], set()).add(receipt["name"])
        self.assertEqual({len(n) for n in names.values()}, {1},
                         "every till got the same delivery for a shared ticket")
        rows, check = self.deliveries(shared + sum(own, []))
        self.assertEqual(len(rows), 13)
        self.assertEqual({r[1] for r in rows}, {"confirmed"})
        numbers = sorted(r[2] for r in rows)
        self.assertEqual(numbers, list(range(numbers[0], numbers[0] + 13)), "no gap")
        self.assertFalse(check["broken"], check)

    def test_a_refused_batch_leaves_nothing_behind(self):
        """A batch is one transaction: its third ticket refused, the two before it are
        neither recorded nor claimed, and the batch sent again without it records them."""
        refs = ["r-%s-%s" % (i, uuid.uuid4().hex) for i in range(3)]
        batch = [self.ticket(ref, i) for i, ref in enumerate(refs)]
        batch[2]["lines"][0]["moisture"] = 20
        context = {"allowed_company_ids": [self.company_id]}

        def send(tickets):
            return run_at_once(self, lambda env, index: env["coup.purchase"]._coup_pos_alone(
                "_coup_pos_record_many", self.config_id, tickets), SUPERUSER_ID, context,
                count=1)[0]

        def claimed():
            with self.registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM coup_capture_ref WHERE client_ref = ANY(%s)",
                           [refs])
                return cr.fetchone()[0]

        outcome, error = send(batch)
        self.assertEqual(outcome, "error")
        self.assertIn("Ticket 3 of 3 (%s)" % refs[2], error)
        self.assertEqual(self.deliveries(refs)[0], [], "nothing of the batch recorded")
        self.assertEqual(claimed(), 0, "nor claimed")
        self.assertEqual(send(batch[:2])[0], "ok")
        rows, check = self.deliveries(refs)
        self.assertEqual(sorted(r[0] for r in rows), sorted(refs[:2]))
        self.assertEqual(claimed(), 2)
        self.assertFalse(check["broken"], check)
