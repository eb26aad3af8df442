#!/usr/bin/env python3
"""Benchmark of the member dashboard: ``coup.dashboard.get_dashboard_data`` on 100,000 members.

A script that prints figures, not a test. It installs ``coup_member_registry`` in the database
named on the command line (created if missing), adds a federation with a few cooperatives and
bulk-inserts the people and memberships with SQL (seconds, where the ORM would take minutes),
then times the dashboard as the administrator, a federation manager, sees it.

    python3 tests/bench_dashboard.py --db dash_bench -c .coup/dev.conf
    python3 tests/bench_dashboard.py --db dash_bench -c .coup/dev.conf --members 200000 --recreate

The data is kept between runs (``--recreate`` drops and re-inserts it). Target: under 0.5 s.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

FEDERATION = "Bench Federation"
TARGET = 0.5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="database to use (created if missing)")
    parser.add_argument("-c", "--config", default=os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".coup", "dev.conf"),
        help="Odoo configuration file (default: .coup/dev.conf)")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--coops", type=int, default=5, help="cooperatives in the federation")
    parser.add_argument("--runs", type=int, default=7, help="timed runs (median is reported)")
    parser.add_argument("--recreate", action="store_true",
                        help="drop the benchmark's cooperatives and members and insert them again")
    return parser.parse_args()


def ensure_installed(args):
    """Install the registry (without demo data) unless the database already has it."""
    import odoo
    from odoo.sql_db import db_connect

    with db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [args.db])
        exists = bool(cr.fetchone())
    if exists:
        with db_connect(args.db).cursor() as cr:
            cr.execute("SELECT to_regclass('ir_module_module') IS NOT NULL")
            if cr.fetchone()[0]:
                cr.execute("SELECT state FROM ir_module_module WHERE name = %s",
                           ["coup_member_registry"])
                row = cr.fetchone()
                if row and row[0] == "installed":
                    return
    odoo_bin = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
    command = [sys.executable, odoo_bin] if os.path.exists(odoo_bin) else [sys.executable, "-m", "odoo"]
    print(f"Installing coup_member_registry in {args.db}…", flush=True)
    subprocess.run(command + [
        "-c", args.config, "-d", args.db, "-i", "coup_member_registry", "--without-demo=all",
        "--stop-after-init", "--log-level=warn"], check=True)


def create_data(env, args):
    """A federation with ``args.coops`` cooperatives and ``args.members`` memberships."""
    cr = env.cr
    Company = env["res.company"]
    federation = Company.search([("name", "=", FEDERATION)], limit=1)
    if federation and not args.recreate:
        coops = federation.coup_member_company_ids
        cr.execute("SELECT count(*) FROM coup_membership WHERE company_id = ANY(%s)",
                   [coops.ids])
        count = cr.fetchone()[0]
        if count == args.members and len(coops) == args.coops:
            print(f"Reusing {count:,} memberships in {len(coops)} cooperatives.")
            return federation, coops
    if federation:
        coops = federation.coup_member_company_ids
        cr.execute("""
            DELETE FROM coup_membership WHERE company_id = ANY(%(ids)s);
            DELETE FROM coup_federation_membership WHERE federation_id = ANY(%(ids)s);
            DELETE FROM res_partner WHERE name LIKE 'Bench Member %%';
        """, {"ids": (federation | coops).ids})
        env.user.company_ids -= federation | coops
        env.user.company_id = env.ref("base.main_company")
        cr.execute("UPDATE res_company SET active = false, coup_is_federation = false, "
                   "name = name || ' (old ' || id || ')' WHERE id = ANY(%s)",
                   [(federation | coops).ids])
        env.invalidate_all()
    started = time.perf_counter()
    federation = Company.create({"name": FEDERATION, "coup_is_federation": True})
    coops = Company.create([{
        "name": f"Bench Coop {index + 1}",
        "coup_youth_age_min": 15 if index % 2 else 18,
        "coup_youth_age_max": 35 if index % 2 else 30,
    } for index in range(args.coops)])
    env["coup.federation.membership"].create([
        {"federation_id": federation.id, "company_id": coop.id, "date_start": "2015-01-01"}
        for coop in coops])
    env.ref("base.user_admin").company_ids |= federation | coops
    env.flush_all()
    coop_ids = coops.ids
    cr.execute("SELECT setseed(0.42)")
    # people: 48% men, 48% women, 2% other, 2% unknown; 3% without a birth date
    cr.execute("""
        INSERT INTO res_partner (name, complete_name, active, type, is_company, gender,
                                 birth_date, create_uid, write_uid, create_date, write_date)
        SELECT 'Bench Member ' || i, 'Bench Member ' || i, true, 'contact', false,
               CASE WHEN r < 0.48 THEN 'male' WHEN r < 0.96 THEN 'female'
                    WHEN r < 0.98 THEN 'other' END,
               CASE WHEN random() < 0.97
                    THEN current_date - (5000 + random() * 25000)::int END,
               1, 1, now(), now()
          FROM (SELECT i, random() AS r FROM generate_series(1, %(n)s) i) s
    """, {"n": args.members})
    # fresh statistics first, or the foreign key checks below scan the table once per row
    cr.execute("ANALYZE res_partner")
    cr.execute("UPDATE res_partner SET commercial_partner_id = id, partner_share = true "
               "WHERE commercial_partner_id IS NULL AND name LIKE 'Bench Member %'")
    # memberships: one per person, round robin over the cooperatives; one in four affiliated;
    # 80% active, 5% candidates, 5% suspended, 10% left in the last two years
    cr.execute("""
        INSERT INTO coup_membership (partner_id, company_id, member_number, membership_type,
                                     state, join_date, exit_date, active, create_uid,
                                     write_uid, create_date, write_date)
        SELECT p.id, (%(coops)s::int[])[1 + (s.i %% %(k)s)], 'B-' || s.i,
               CASE WHEN s.i %% 4 = 0 AND s.i > %(k)s THEN 'affiliated' ELSE 'principal' END,
               CASE WHEN s.r < 0.80 THEN 'active' WHEN s.r < 0.85 THEN 'candidate'
                    WHEN s.r < 0.90 THEN 'suspended' ELSE 'resigned' END,
               current_date - (random() * 5500)::int,
               CASE WHEN s.r >= 0.90 THEN current_date - (random() * 700)::int END,
               true, 1, 1, now(), now()
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS i, random() AS r
                  FROM res_partner WHERE name LIKE 'Bench Member %%') s
          JOIN res_partner p ON p.id = s.id
    """, {"coops": coop_ids, "k": len(coop_ids)})
    # exits are never before joins
    cr.execute("UPDATE coup_membership SET join_date = exit_date - 30 "
               "WHERE exit_date < join_date + 30 AND company_id = ANY(%s)", [coop_ids])
    cr.execute("ANALYZE coup_membership")
    # an affiliated member hangs off the principal member numbered k before them (same coop)
    cr.execute("""
        UPDATE coup_membership m
           SET principal_membership_id = p.id
          FROM coup_membership p
         WHERE m.membership_type = 'affiliated' AND m.company_id = ANY(%(coops)s)
           AND p.company_id = m.company_id
           AND p.member_number = 'B-' || (substr(m.member_number, 3)::int - %(k)s)
    """, {"coops": coop_ids, "k": len(coop_ids)})
    cr.execute("ANALYZE res_partner; ANALYZE coup_membership; ANALYZE res_company")
    env.cr.commit()
    print(f"Inserted {args.members:,} people and memberships in {len(coop_ids)} cooperatives "
          f"in {time.perf_counter() - started:.1f} s.")
    return federation, coops


def timed(function, runs):
    timings = []
    for _run in range(runs):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return timings, result


def main():
    args = parse_args()
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"])
    ensure_installed(args)
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        federation, coops = create_data(env, args)
        companies = federation | coops

    with registry.cursor() as cr:
        admin = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}).ref("base.user_admin")
        env = odoo.api.Environment(cr, admin.id, {"allowed_company_ids": companies.ids})
        Dashboard = env["coup.dashboard"]
        cr.execute("SELECT count(*) FROM coup_membership WHERE company_id = ANY(%s)",
                   [companies.ids])
        print(f"Memberships in the {len(coops)} cooperatives of {FEDERATION}: "
              f"{cr.fetchone()[0]:,}")

        def run():
            env.invalidate_all()  # no warm ORM cache: every run reads as a new request would
            return Dashboard.get_dashboard_data()

        def run_queries(method):
            def call():
                env.invalidate_all()
                return method(companies.with_env(env))
            return call

        run()  # warm up PostgreSQL's buffers and the registry's caches
        timings, data = timed(run, args.runs)
        counts, _counts = timed(run_queries(Dashboard._coup_dashboard_member_counts), args.runs)
        months, _months = timed(run_queries(Dashboard._coup_dashboard_months), args.runs)
        cr.rollback()

    figures = {figure["key"]: figure for figure in data["figures"]}
    federation_data = data["federations"][0]
    print()
    print(f"{'figure':<12}{'total':>10}{'median/coop':>14}")
    for key, figure in figures.items():
        print(f"{key:<12}{figure['total']:>10,}{federation_data['median'][key]:>14,}")
    print()
    ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
    for label, values in (("get_dashboard_data", timings),
                          ("  figures query (1 SQL)", counts),
                          ("  months query (1 SQL)", months)):
        print(f"{label:<26} median {ms(statistics.median(values)):>9}   "
              f"min {ms(min(values)):>9}   max {ms(max(values)):>9}   ({len(values)} runs)")
    median = statistics.median(timings)
    verdict = "OK" if median < TARGET else "TOO SLOW"
    print(f"\n{verdict}: median {ms(median)} for {args.members:,} members "
          f"(target < {TARGET * 1000:.0f} ms)")
    return 0 if median < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
