#!/usr/bin/env python3
"""Benchmark of the share capital: subscriptions confirmed, paid, a surplus distribution
computed and posted, the share register as PDF.

    python3 tests/bench_capital.py -c .coup/demo.conf -d coup_demo [--members 20000]

The database must have coup_capital installed. Everything runs in one transaction that is
rolled back: a cooperative (XOF) with ``--members`` members inserted in bulk, a cash journal,
one subscription per member: ``--booked`` of them (2,000) confirmed in one call (share numbers,
register lines sealed in the chain, subscription entries) and their instalments paid (entries,
reconciliation), the others' shares from an imported register paid in the opening balance (the
same register lines, no entries: the full-size run stays within minutes); a distribution by
paid capital computed (interest and patronage, ``_read_group``) and posted (one entry), and
the register PDF rendered for every line. With coup_capital_marketplace, ``--deliveries`` confirmed deliveries
(10 per member by default; inserted in SQL as confirmation leaves them, unsealed: the
distribution reads them, it does not check their chain) and the patronage shared by their value.
Targets of the issue (20,000 members, 200,000 deliveries): distribution computed < 30 s,
posted < 120 s, register PDF < 60 s. On a shared machine run it smaller (``--members 2000``):
the figures are extrapolated linearly to 20,000 members and printed beside the targets. Each
step prints its clock time, this process's CPU time (plus wkhtmltopdf's for the PDF) and its
queries; ``--profile posted`` (a step's label) prints its cProfile.

Full size (a database with coup_capital and coup_capital_marketplace installed):

    python3 tests/bench_capital.py -c .coup/demo.conf -d coup_demo --members 20000
"""
import argparse
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--deliveries", type=int, default=None,
                        help="confirmed deliveries (default: 10 per member)")
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--booked", type=int, default=2000,
                        help="subscriptions confirmed and paid with their entries, timed "
                             "(default 2,000); the other members' shares come from an imported "
                             "register, paid in the opening balance (no entries), so that the "
                             "full-size run stays within minutes")
    parser.add_argument("--profile", metavar="STEP",
                        help="cProfile the steps whose label contains STEP (e.g. posted), "
                             "the 25 heaviest functions by cumulated time printed")
    args = parser.parse_args()

    from bench_common import bench_cooperative, open_registry

    import odoo
    registry = open_registry(args.config, args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env, company, memberships = bench_cooperative(
            env, "Capital", args.members, currency_id=env.ref("base.XOF").id)
        account = env["account.account"].create({
            "name": "Caisse", "code": "571000", "account_type": "asset_cash",
            "company_ids": [company.id]})
        env["account.journal"].create({"name": "Caisse", "code": "CSH", "type": "cash",
                                       "company_id": company.id,
                                       "default_account_id": account.id})
        share_class = env["coup.share.class"].create({
            "name": "Part sociale", "company_id": company.id, "nominal_value": 5000})
        figures = []
        scale = 20000 / args.members

        def timed(label, function, target=None):
            profiler = None
            if args.profile and args.profile in label:
                import cProfile
                profiler = cProfile.Profile()
                profiler.enable()
            queries = cr.sql_log_count
            t0, c0 = time.time(), time.process_time()
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            result = function()
            env.flush_all()
            figures.append((label, time.time() - t0))
            cpu = time.process_time() - c0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # wkhtmltopdf's CPU time is its own process's
            children_cpu = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
            line = "%-48s %8.2f s (CPU %.2f s%s, %d queries)" % (
                label, figures[-1][1], cpu,
                " + wkhtmltopdf %.2f s" % children_cpu if children_cpu > 0.005 else "",
                cr.sql_log_count - queries)
            if target:
                line += "   x%.0f = %7.1f s at 20,000 members (target < %s s)" % (
                    scale, figures[-1][1] * scale, target)
            print(line, flush=True)
            if profiler:
                import pstats
                profiler.disable()
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(40)
                stats.sort_stats("tottime").print_stats(15)
                stats.print_callers("[(]search[)]")
            return result

        subscriptions = env["coup.share.subscription"].create([{
            "company_id": company.id, "membership_id": m.id, "share_class_id": share_class.id,
            "quantity": 1 + (n % 3), "date": "2026-01-15"} for n, m in enumerate(memberships)])
        booked, imported = subscriptions[:args.booked], subscriptions[args.booked:]
        if imported:
            timed("%d subscriptions of an imported register" % len(imported),
                  lambda: (imported._coup_confirm(book=False),
                           imported.instalment_ids._coup_paid_in_opening_balance()))
        timed("confirm %d subscriptions" % len(booked), booked.action_confirm)
        print("%-48s %8.3f s each" % ("", figures[-1][1] / max(1, len(booked))), flush=True)
        # statistics on the rows of this transaction, as a database in use has them (without
        # them PostgreSQL's plans for the reconciliation's queries vary from run to run)
        cr.execute("ANALYZE account_move, account_move_line, coup_share_movement, "
                   "coup_share_instalment, coup_membership, res_partner")
        one_by_one = booked[:min(50, len(booked) // 10)].instalment_ids
        t0 = time.time()
        for instalment in one_by_one:
            instalment.action_pay()
        env.flush_all()
        each = (time.time() - t0) / max(1, len(one_by_one))
        print("%-48s %8.3f s each" % ("pay %d instalments one call each" % len(one_by_one),
                                     each), flush=True)
        rest = booked.instalment_ids - one_by_one
        timed("pay %d instalments in one call" % len(rest), rest.action_pay)
        print("%-48s %8.3f s each" % ("", figures[-1][1] / max(1, len(rest))), flush=True)
        basis = "capital"
        if "delivery_value" in dict(
                env["coup.surplus.distribution"]._fields["patronage_basis"].selection):
            deliveries = args.deliveries if args.deliveries is not None else 10 * args.members
            t0 = time.time()
            cr.execute("""
                INSERT INTO coup_purchase (company_id, currency_id, membership_id, partner_id,
                       date, name, state, create_uid, write_uid, create_date, write_date,
                       advance_deducted, amount_total, amount_gross, net_kg, payable_kg)
                SELECT %s, %s, m.id, m.partner_id,
                       '2026-02-01 08:00'::timestamp + (g %% 300) * interval '1 day',
                       'BENCH/' || g, 'confirmed', 1, 1, now(), now(), 0,
                       84000 + g %% 7 * 350, 84000 + g %% 7 * 350, 240, 240
                  FROM generate_series(0, %s - 1) g
                  JOIN (SELECT id, partner_id, row_number() OVER (ORDER BY id) - 1 AS n
                          FROM coup_membership WHERE company_id = %s) m
                    ON m.n = g %% %s
            """, (company.id, company.currency_id.id, deliveries, company.id, args.members))
            print("%-48s %8.2f s" % ("%d deliveries inserted (SQL)" % deliveries,
                                     time.time() - t0), flush=True)
            basis = "delivery_value"
            cr.execute("ANALYZE coup_purchase")
        run = env["coup.surplus.distribution"].create({
            "name": "Bench", "company_id": company.id, "date_from": "2026-01-01",
            "date_to": "2026-12-31", "surplus": 1000 * args.members, "interest_rate": 3,
            "patronage_basis": basis,
            "fund_line_ids": [(0, 0, {"name": "Réserve légale", "percent": 20,
                                      "account_id": account.id})]})
        timed("distribution computed (%d members, %s)" % (args.members, basis),
              run.action_compute, target=30)
        run.action_approve()
        timed("distribution posted", run.action_post, target=120)
        if not args.no_pdf:
            register = env["coup.share.movement"].search([("company_id", "=", company.id)])
            timed("register PDF (%d lines)" % len(register), lambda: env[
                "ir.actions.report"]._render_qweb_pdf("coup_capital.report_share_register",
                                                      register.ids), target=60)
        timed("register Excel (the auditor's copy)",
              lambda: env["coup.share.movement"]._coup_register_xlsx(company))
        timed("integrity check of the register",
              lambda: env["coup.share.movement"]._coup_check_integrity(company))
        cr.rollback()


if __name__ == "__main__":
    main()
