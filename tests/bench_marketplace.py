#!/usr/bin/env python3
"""Benchmark of the marketplace: a season of deliveries confirmed, the integrity check, a
member's statement.

    python3 tests/bench_marketplace.py -c .coup/demo.conf -d coup_demo [--deliveries 10000]

The database must have coup_marketplace installed. Everything runs in one transaction that is
rolled back: a cooperative with its books (Odoo's generic chart, its own currency), 2,000
members, a price list; then ``--deliveries`` deliveries (one line each, a lot-tracked product)
confirmed in batches of 1,000 (numbers, seals keyed by the server's key, lots, the heads
anchored in a journal kept in a temporary folder), billed at the end of the season
(one bill per member, made and posted), brought into stock by the background job; the
integrity check over ``--chain`` records (the confirmed deliveries plus records inserted in
SQL to reach that count, chained as confirmation would); one member's statement with
``--statement`` deliveries and sales. Targets: under 60 s, 10 s and 1 s.
"""
import argparse
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--deliveries", type=int, default=10000)
    parser.add_argument("--chain", type=int, default=100000)
    parser.add_argument("--statement", type=int, default=1000)
    args = parser.parse_args()

    import os

    from bench_common import bench_cooperative, open_registry

    import odoo
    registry = open_registry(args.config, args.database)
    # the journal in the server's data directory, beside the real one (a temporary folder may be
    # swept while the season is billed), under a name of its own
    anchors = os.path.join(odoo.tools.config["data_dir"], "coup_bench_anchors",
                           "%s-%d.jsonl" % (args.database, os.getpid()))
    for model in ("coup.purchase", "coup.sale"):
        registry[model]._coup_anchor_path = lambda self: anchors

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        members = 2000
        env, company, memberships = bench_cooperative(
            env, "market", members, currency_id=env.ref("base.XOF").id,
            coup_member_prefix="BM-", coup_purchase_bill_mode="batch")
        company._coup_load_chart("generic_coa")
        kg = env.ref("uom.product_uom_kgm")
        cashew = env["product.product"].create({
            "name": "Cajou (bench)", "is_storable": True, "tracking": "lot", "uom_id": kg.id,
            "uom_po_id": kg.id})
        env["coup.price.list"].create({
            "name": "Bench season", "company_id": company.id, "date_from": "2026-01-01",
            "date_to": "2026-12-31", "moisture_standard": 8, "moisture_max": 15,
            "line_ids": [(0, 0, {"product_id": cashew.id, "price_kg": 350})]})
        Purchase = env["coup.purchase"]
        start = time.perf_counter()
        created = Purchase.create([{
            "company_id": company.id, "membership_id": memberships[n % members].id,
            "date": "2026-03-%02d 09:00:00" % (1 + n % 28), "client_ref": "bench-%d" % n,
            "line_ids": [(0, 0, {"product_id": cashew.id, "bags": 3, "gross_kg": 241.5,
                                 "tare_kg": 1.5, "moisture": 8 + n % 4})]}
            for n in range(args.deliveries)])
        env.flush_all()
        recorded = time.perf_counter() - start
        start = time.perf_counter()
        for batch in range(0, len(created), 1000):
            created[batch:batch + 1000].action_confirm()
            env.flush_all()
        mark = time.perf_counter()
        cr.postcommit.run()  # the anchors a commit would write (one per batch)
        chained = time.perf_counter() - start
        anchored = time.perf_counter() - mark
        with open(anchors) as journal:
            heads = sum(1 for __ in journal)
        mark = time.perf_counter()
        created.with_context(coup_batch_bills=True).action_create_bills()
        env.flush_all()
        billed = time.perf_counter() - mark
        print("%d deliveries recorded in %.1f s; confirmed in %.1f s (numbers, keyed seals, "
              "lots; the %d heads anchored in %.3f s) and billed in %.1f s (%d bills, one per "
              "member, made and posted in a hash-locked journal): %.1f s; target under 60 s"
              % (len(created), recorded, chained, heads, anchored,
                 billed, len(created.bill_id), chained + billed))
        mark = time.perf_counter()
        while Purchase.search_count([("stock_pending", "=", True)]):
            Purchase._cron_receive_pending()
            env.flush_all()
        print("their produce brought into stock by the background job in %.1f s (%d lots)"
              % (time.perf_counter() - mark, len(created.line_ids.lot_id)))

        # reach --chain records by chaining more, written in SQL as confirmation writes them
        extra = args.chain - len(created)
        if extra > 0:
            cr.execute("""
                INSERT INTO coup_purchase (company_id, currency_id, membership_id, partner_id,
                       date, name, state, create_uid, write_uid, create_date, write_date,
                       advance_deducted, amount_total, amount_gross, net_kg, payable_kg)
                SELECT %s, %s, m.id, m.partner_id, '2026-04-01 08:00', '/', 'draft', 1, 1,
                       now(), now(), 0, 84000, 84000, 240, 240
                  FROM generate_series(1, %s) g
                  JOIN LATERAL (SELECT id, partner_id FROM coup_membership
                                 WHERE company_id = %s ORDER BY id
                                OFFSET (CASE WHEN g <= %s THEN 0 ELSE g %% %s END)
                                 LIMIT 1) m ON true
            """, (company.id, company.currency_id.id, extra, company.id, args.statement,
                  members))
            cr.execute("""
                INSERT INTO coup_purchase_line (purchase_id, company_id, product_id, sequence,
                       gross_kg, tare_kg, net_kg, payable_kg, moisture, price_kg, amount,
                       deduction_kg, create_uid, write_uid, create_date, write_date)
                SELECT id, company_id, %s, 1, 241.5, 1.5, 240, 240, 8, 350, 84000, 0, 1, 1,
                       now(), now()
                  FROM coup_purchase WHERE company_id = %s AND state = 'draft'
            """, (cashew.id, company.id))
            env.invalidate_all()
            drafts = Purchase.search([("company_id", "=", company.id), ("state", "=", "draft")])
            start = time.perf_counter()
            for batch in range(0, len(drafts), 10000):
                drafts[batch:batch + 10000]._coup_chain()
            print("%d more records chained in %.1f s" % (len(drafts),
                                                          time.perf_counter() - start))
        env.invalidate_all()
        start = time.perf_counter()
        result = Purchase._coup_check_integrity(company)
        checked = time.perf_counter() - start
        print("integrity check of %d records (seals recomputed with the key, head held against "
              "the anchor journal): %.1f s, broken: %s; target under 10 s"
              % (result["count"], checked, result["broken"]))

        # one member with --statement transactions
        member = memberships[0]
        have = Purchase.search_count([("membership_id", "=", member.id),
                                      ("state", "=", "confirmed")])
        env.invalidate_all()
        start = time.perf_counter()
        rows = member._coup_statement()
        took = time.perf_counter() - start
        print("statement of a member with %d transactions: %.2f s (%d rows); target under 1 s"
              % (have, took, len(rows)))
        cr.rollback()
    os.remove(anchors)


if __name__ == "__main__":
    main()
