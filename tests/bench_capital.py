#!/usr/bin/env python3
"""Benchmark of the share capital: subscriptions confirmed, paid, a surplus distribution
computed and posted, the share register as PDF.

    python3 tests/bench_capital.py -c .coup/demo.conf -d coup_demo [--members 20000]

The database must have coup_capital installed. Everything runs in one transaction that is
rolled back: a cooperative (XOF) with ``--members`` members inserted in bulk, a cash journal,
one subscription per member confirmed in one call (share numbers, register lines sealed in the
chain, subscription entries), their instalment paid, a distribution by paid capital computed
(interest and patronage, ``_read_group``) and posted (one entry), and the register PDF
rendered for every line. Targets of the issue (20,000 members): distribution computed < 30 s,
posted < 120 s, register PDF < 60 s. With coup_capital_marketplace the patronage by deliveries
is read the same way (one grouped read over coup.purchase), not timed here.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--no-pdf", action="store_true")
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

        def timed(label, function):
            t0 = time.time()
            result = function()
            env.flush_all()
            figures.append((label, time.time() - t0))
            print("%-48s %8.2f s" % (label, figures[-1][1]), flush=True)
            return result

        subscriptions = env["coup.share.subscription"].create([{
            "company_id": company.id, "membership_id": m.id, "share_class_id": share_class.id,
            "quantity": 1 + (n % 3), "date": "2026-01-15"} for n, m in enumerate(memberships)])
        timed("confirm %d subscriptions" % len(subscriptions), subscriptions.action_confirm)
        timed("pay %d instalments" % len(subscriptions),
              lambda: subscriptions.instalment_ids.action_pay())
        run = env["coup.surplus.distribution"].create({
            "name": "Bench", "company_id": company.id, "date_from": "2026-01-01",
            "date_to": "2026-12-31", "surplus": 1000 * args.members, "interest_rate": 3,
            "fund_line_ids": [(0, 0, {"name": "Réserve légale", "percent": 20,
                                      "account_id": account.id})]})
        timed("distribution computed (%d members)" % args.members, run.action_compute)
        run.action_approve()
        timed("distribution posted", run.action_post)
        if not args.no_pdf:
            register = env["coup.share.movement"].search([("company_id", "=", company.id)])
            timed("register PDF (%d lines)" % len(register), lambda: env[
                "ir.actions.report"]._render_qweb_pdf("coup_capital.report_share_register",
                                                      register.ids))
        timed("integrity check of the register",
              lambda: env["coup.share.movement"]._coup_check_integrity(company))
        cr.rollback()


if __name__ == "__main__":
    main()
