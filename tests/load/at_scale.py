#!/usr/bin/env python3
"""The dashboard and the integrity check at a federation's size: time and memory, on a
database made for it.

    python3 tests/load/at_scale.py -c CONF -d DB --members 1000000 --deliveries 10000000
    python3 tests/load/at_scale.py -c CONF -d DB                  # measure

``--members N`` adds N people and their memberships to the demo cooperative Kléla (women and
men, born over 60 years, joined over 10, one in ten suspended). ``--deliveries N`` adds N
confirmed deliveries (one line each, spread over Kléla's members, one a minute back from now)
to Kléla's chain, sealed as the suite seals them: their content is read by
``_coup_canonical_rows`` and sealed with the database's key, and the new head is written in
the anchor journal. Both are written in SQL in batches of 50,000 committed one by one (the
chain's guard triggers off while a batch is sealed), so they **commit**: run them only on a
copy made for it (``createdb -T coup_demo scale``, with the key and the anchor journal copied
as docs/SCALING.md says).

Without them it measures, then rolls back: the dashboard of every cooperative as the
federation's manager opens it (three times), then the integrity check of every cooperative
as the nightly cron runs it, with its verdict, its time and how much memory the process grew
by (its peak resident size, from the kernel).

``--cron`` runs the nightly check as Odoo's cron worker runs it instead, and **commits** (the
cooperatives' results, the pass kept beside the anchor journal): each run in its own
transaction, under the soft ``RLIMIT_CPU`` the worker sets before each pass over its jobs
(``limit_time_cpu`` of the configuration; crossing it kills this script, as it kills the
worker), until the pass is over; it prints each run's records, CPU and real time.
"""
import argparse
import pathlib
import resource
import sys
import time

BATCH = 50000


def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2 ** 20


def append_members(env, company, count):
    cr = env.cr
    made, started = 0, time.perf_counter()
    cr.execute("SELECT count(*) FROM coup_membership WHERE company_id = %s", [company.id])
    base = cr.fetchone()[0]
    while made < count:
        size = min(BATCH, count - made)
        cr.execute("""
            WITH p AS (
                INSERT INTO res_partner (name, complete_name, active, type, autopost_bills,
                                         company_id, gender, birth_date, phone_sanitized,
                                         create_date, write_date)
                SELECT 'Scale ' || n, 'Scale ' || n, true, 'contact', 'ask', %(company)s,
                       CASE WHEN n %% 2 = 0 THEN 'female' ELSE 'male' END,
                       date '1950-01-01' + (n %% 21900), '+2239' || lpad(n::text, 7, '0'),
                       now(), now()
                  FROM generate_series(%(first)s, %(last)s) n
             RETURNING id, substring(name from 7)::int AS n)
            INSERT INTO coup_membership (partner_id, company_id, membership_type, state,
                                         member_number, active, join_date)
            SELECT p.id, %(company)s, 'principal',
                   CASE WHEN p.n %% 10 = 0 THEN 'suspended' ELSE 'active' END, 'S-' || p.n,
                   true, current_date - (p.n %% 3650)
              FROM p""", {"company": company.id, "first": base + made + 1,
                          "last": base + made + size})
        cr.commit()
        made += size
        print("members: appended %d in %.0f s" % (made, time.perf_counter() - started),
              flush=True)
    cr.execute("ANALYZE res_partner")
    cr.execute("ANALYZE coup_membership")
    cr.commit()


def append_deliveries(env, company, count):
    from psycopg2.extras import execute_values

    from odoo.addons.coup_member_registry.tools import indelible
    cr = env.cr
    Purchase = env["coup.purchase"].sudo()
    key = Purchase._coup_key()
    sequence = Purchase._coup_sequence(company)
    cr.execute("""CREATE TEMP TABLE scale_member ON COMMIT PRESERVE ROWS AS
                  SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, partner_id
                    FROM coup_membership WHERE company_id = %s AND active""", [company.id])
    cr.execute("CREATE UNIQUE INDEX ON scale_member (n)")
    cr.execute("SELECT count(*) FROM scale_member")
    members = cr.fetchone()[0]
    product = env.ref("coup_marketplace.product_cashew_raw", raise_if_not_found=False) or \
        env["product.product"].search([], limit=1)
    cr.execute("SELECT coalesce(max(sequence_number), 0) FROM coup_purchase "
               "WHERE company_id = %s AND state = 'confirmed'", [company.id])
    end = cr.fetchone()[0] + count  # the last one now, each one a minute before the next
    made, started = 0, time.perf_counter()
    while made < count:
        size = min(BATCH, count - made)
        cr.execute("SELECT coalesce(max(sequence_number), 0) FROM coup_purchase "
                   "WHERE company_id = %s AND state = 'confirmed'", [company.id])
        head = cr.fetchone()[0]
        cr.execute("SELECT coup_hash FROM coup_purchase WHERE company_id = %s "
                   "AND state = 'confirmed' AND sequence_number = %s", [company.id, head])
        row = cr.fetchone()
        previous = row[0] if row else indelible.GENESIS
        cr.execute("ALTER TABLE coup_purchase DISABLE TRIGGER coup_guard")
        cr.execute("ALTER TABLE coup_purchase_line DISABLE TRIGGER coup_guard")
        cr.execute("""
            INSERT INTO coup_purchase (name, sequence_number, company_id, currency_id,
                                       membership_id, partner_id, state, date, confirm_date,
                                       client_ref, coup_verify_token, net_kg, payable_kg,
                                       amount_gross, advance_deducted, amount_total,
                                       payment_state, stock_pending, create_date, write_date)
            SELECT %(prefix)s || lpad(g.n::text, 6, '0'), g.n, %(company)s, %(currency)s,
                   m.id, m.partner_id, 'confirmed',
                   now() - ((%(end)s - g.n) || ' minutes')::interval, now(), 'scale-' || g.n,
                   md5('scale' || g.n), 100 + g.n %% 50, 100 + g.n %% 50,
                   (100 + g.n %% 50) * 1000, 0, (100 + g.n %% 50) * 1000, 'not_paid', false,
                   now(), now()
              FROM generate_series(%(first)s, %(last)s) g (n)
              JOIN scale_member m ON m.n = g.n %% %(members)s
            RETURNING id""", {"company": company.id, "currency": company.currency_id.id,
                              "first": head + 1, "last": head + size, "end": end,
                              "members": members,
                              "prefix": Purchase._coup_sequence_prefix})
        ids = [row[0] for row in cr.fetchall()]
        cr.execute("""
            INSERT INTO coup_purchase_line (purchase_id, sequence, company_id, membership_id,
                                            product_id, bags, state, grade, gross_kg, tare_kg,
                                            net_kg, moisture, foreign_matter, payable_kg,
                                            price_kg, premium_kg, amount)
            SELECT p.id, 10, p.company_id, p.membership_id, %s, 2, 'confirmed', 'A',
                   p.net_kg + 1, 1, p.net_kg, 7.5, 0.5, p.net_kg, 1000, 0, p.amount_total
              FROM coup_purchase p WHERE p.id = ANY(%s)""", [product.id, ids])
        seals = []
        for record_id, __, __, __, __, content in Purchase._coup_canonical_rows(company,
                                                                                 ids=ids):
            digest = key.seal(content, previous)
            seals.append((record_id, previous, digest))
            previous = digest
        execute_values(cr, """
            UPDATE coup_purchase p SET coup_previous_hash = v.previous, coup_hash = v.seal
              FROM (VALUES %s) AS v (id, previous, seal) WHERE p.id = v.id""", seals,
                       page_size=5000)
        cr.execute("ALTER TABLE coup_purchase ENABLE TRIGGER coup_guard")
        cr.execute("ALTER TABLE coup_purchase_line ENABLE TRIGGER coup_guard")
        cr.execute("UPDATE ir_sequence SET number_next = %s WHERE id = %s",
                   [head + size + 1, sequence.id])
        cr.commit()
        indelible.append_anchors(Purchase._coup_anchor_path(), [{
            "company": company.id, "model": Purchase._name, "number": head + size,
            "name": "%s%06d" % (Purchase._coup_sequence_prefix, head + size), "hash": previous,
            "at": time.strftime("%Y-%m-%dT%H:%M:%S")}], key)
        made += size
        print("deliveries: appended %d (head %d) in %.0f s" % (made, head + size,
                                                   time.perf_counter() - started), flush=True)
    cr.execute("ANALYZE coup_purchase")
    cr.execute("ANALYZE coup_purchase_line")
    cr.commit()


def measure_dashboard(env):
    cr = env.cr
    companies = env["res.company"].sudo().search([])
    cr.execute("SELECT count(*) FROM coup_membership")
    members = cr.fetchone()[0]
    Dashboard = env["coup.dashboard"].with_context(allowed_company_ids=companies.ids)
    times = []
    for __ in range(3):
        env.invalidate_all()
        started = time.perf_counter()
        data = Dashboard.get_dashboard_data()
        times.append(time.perf_counter() - started)
    figures = {figure["key"]: figure["total"] for figure in data["figures"]}
    print("dashboard of %d cooperatives (%d memberships): %s s; members %s, produce bought "
          "%s kg" % (len(data["companies"]), members, " / ".join("%.2f" % t for t in times),
                     figures.get("members"), figures.get("produce_bought_kg")))
    cr.rollback()


def measure_check(env):
    cr = env.cr
    companies = env["res.company"].sudo().search([])
    cr.execute("SELECT company_id, count(*) FROM coup_purchase WHERE state = 'confirmed' "
               "GROUP BY company_id ORDER BY 2 DESC")
    sizes = cr.fetchall()
    before = rss_mb()
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, cpu = time.perf_counter(), time.process_time()
    companies._coup_run_integrity_check()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for company in companies.filtered("coup_integrity_result"):
        print("%s: %s" % (company.name, company.coup_integrity_result.replace("\n", " | ")))
    print("deliveries per cooperative: %s" % ", ".join("%s: %d" % row for row in sizes))
    print("integrity check of every cooperative: %.1f s (%.1f s CPU); the process at %.0f MB "
          "before, its peak %.0f MB during (it grew by %.0f MB)"
          % (elapsed, cpu, before, peak, peak - max(before, peak_before) if peak > peak_before
             else 0.0))
    cr.rollback()


def run_cron(registry):
    import odoo
    from odoo.tools import config
    limit = config["limit_time_cpu"]
    __, hard = resource.getrlimit(resource.RLIMIT_CPU)
    runs, started, cpu_started, done = 0, time.perf_counter(), time.process_time(), False
    print("each run under a CPU limit of %s s (limit_time_cpu), real time %s s"
          % (limit, config["limit_time_real"]), flush=True)
    while not done:
        runs += 1
        # as the cron worker's check_limits() before each pass over its jobs
        usage = resource.getrusage(resource.RUSAGE_SELF)
        resource.setrlimit(resource.RLIMIT_CPU,
                           (int(usage.ru_utime + usage.ru_stime + limit), hard))
        run_started, run_cpu = time.perf_counter(), time.process_time()
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            companies = env["res.company"].search([])
            done = companies._coup_run_integrity_pass(
                env["coup.indelible.record"]._coup_check_deadline())
            # the pass as this run leaves it, kept once committed
            position = (cr.postcommit.data.get("coup.check_pass") or {}).get("resume") or {}
            cr.commit()  # runs the post-commit hook that keeps the pass
        print("run %d: %.1f s (%.1f s CPU), %s" % (
            runs, time.perf_counter() - run_started, time.process_time() - run_cpu,
            "the pass is over" if done else "stopped in %s of company %s at record %s" % (
                position.get("model"), position.get("company"), position.get("count"))),
            flush=True)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        for company in env["res.company"].search([]).filtered("coup_integrity_result"):
            print("%s: %s" % (company.name, company.coup_integrity_result.replace("\n", " | ")))
    print("the nightly check in %d runs: %.1f s (%.1f s CPU)" % (
        runs, time.perf_counter() - started, time.process_time() - cpu_started))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=0, metavar="N",
                        help="add N members to Kléla (commits)")
    parser.add_argument("--deliveries", type=int, default=0, metavar="N",
                        help="add N sealed deliveries to Kléla's chain (commits)")
    parser.add_argument("--cron", action="store_true",
                        help="run the nightly check as the cron worker does (commits)")
    args = parser.parse_args()
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
    from bench_common import open_registry

    import odoo
    registry = open_registry(args.config, args.database)
    if args.cron:
        run_cron(registry)
        return
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        company = env.ref("coup_member_registry.company_coop_klela")
        if args.members:
            append_members(env, company, args.members)
        if args.deliveries:
            append_deliveries(env, company, args.deliveries)
        if not (args.members or args.deliveries):
            measure_dashboard(env)
            measure_check(env)


if __name__ == "__main__":
    main()
