#!/usr/bin/env python3
"""The queries a season leans on, EXPLAINed on generated data (for docs/SCALING.md).

    python3 tests/load/explain_indexes.py -c CONF -d DB [--members 100000] [--deliveries 100000]

In the demo cooperative Kléla it inserts, in SQL (seconds, not minutes): ``--members`` people
and memberships, ``--deliveries`` confirmed deliveries with their client references, as many
sent SMS with gateway ids and incoming SMS; then ``EXPLAIN (ANALYZE, BUFFERS)`` of the
queries behind the tills' record-once, the portal's deliveries and booklet, the SMS webhooks,
the dashboard's counts and the background stock entry. Prints per query: the plan's access
path (the index used, or a sequential scan), rows, buffers and time. Everything is rolled back.
"""
import argparse
import re
import time

QUERIES = [
    ("till: ticket already recorded? (capture ref)",
     "SELECT res_id FROM coup_capture_ref WHERE company_id = %(company)s "
     "AND model = 'coup.purchase' AND client_ref = 'gen-' || %(mid)s"),
    ("till: delivery by client reference",
     "SELECT id FROM coup_purchase WHERE company_id = %(company)s AND client_ref = 'gen-' || %(mid)s"),
    ("portal: a member's deliveries (count)",
     "SELECT count(*) FROM coup_purchase WHERE partner_id = %(partner)s AND state = 'confirmed'"),
    ("portal: a member's deliveries (page)",
     "SELECT id FROM coup_purchase WHERE partner_id = %(partner)s AND state = 'confirmed' "
     "ORDER BY date DESC, id DESC LIMIT 20"),
    ("portal: a member's memberships (booklet)",
     "SELECT id FROM coup_membership WHERE partner_id = %(partner)s"),
    ("sms: delivery report -> message",
     "SELECT id FROM sms_sms WHERE coup_gateway_id = %(gateway)s AND "
     "(coup_provider_message_id = 'GEN-' || %(mid)s OR uuid = 'nope')"),
    ("sms: reply already received?",
     "SELECT id FROM coup_sms_inbound WHERE gateway_id = %(gateway)s "
     "AND provider_message_id = 'gen-in-' || %(mid)s"),
    ("sms: reply's sender -> member",
     "SELECT id FROM res_partner WHERE phone_sanitized = '+2237' || lpad(%(mid)s::text, 7, '0')"),
    ("dashboard: members by state",
     "SELECT state, count(*) FROM coup_membership WHERE company_id = %(company)s "
     "AND active GROUP BY state"),
    ("dashboard: deliveries of the season (kg by month)",
     "SELECT date_trunc('month', date), count(*) FROM coup_purchase "
     "WHERE company_id = %(company)s AND state = 'confirmed' "
     "AND date >= now() - interval '90 days' GROUP BY 1"),
    ("cron: deliveries waiting for stock",
     "SELECT id FROM coup_purchase WHERE stock_pending AND state = 'confirmed' LIMIT 1000"),
    ("chain: head of the cooperative's chain",
     "SELECT id, sequence_number FROM coup_purchase WHERE company_id = %(company)s "
     "AND sequence_number IS NOT NULL ORDER BY sequence_number DESC LIMIT 1"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=100000)
    parser.add_argument("--deliveries", type=int, default=100000)
    args = parser.parse_args()
    import odoo
    from odoo.tools import config
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        # the demo cooperative Kléla (a new company would install its country's chart)
        company = env.ref("coup_member_registry.company_coop_klela")
        gateway = env["coup.sms.gateway"].create({
            "name": "Explain", "company_id": company.id, "provider": "africastalking",
            "base_url": "http://127.0.0.1:9", "at_username": "x", "api_key": "x"})
        env.flush_all()
        t0 = time.perf_counter()
        n, d = args.members, args.deliveries
        cr.execute("""CREATE TEMP TABLE gen_partner AS
            WITH p AS (INSERT INTO res_partner (name, complete_name, active, type, autopost_bills,
                                                phone_sanitized, create_date, write_date)
                       SELECT 'Gen ' || g, 'Gen ' || g, true, 'contact', 'ask',
                              '+2237' || lpad(g::text, 7, '0'), now(), now()
                         FROM generate_series(1, %s) g RETURNING id)
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM p""", [n])
        cr.execute("""CREATE TEMP TABLE gen_membership AS
            WITH m AS (INSERT INTO coup_membership (partner_id, company_id, membership_type, state,
                                                    member_number, active, join_date)
                       SELECT id, %s, 'principal', CASE WHEN n %% 10 = 0 THEN 'suspended'
                              ELSE 'active' END, 'G-' || n, true, '2020-01-01'
                         FROM gen_partner RETURNING id, partner_id)
            SELECT m.id, m.partner_id, p.n FROM m JOIN gen_partner p ON p.id = m.partner_id""",
                   [company.id])
        cr.execute("CREATE INDEX ON gen_membership (n)")
        cr.execute("""INSERT INTO coup_purchase (name, company_id, membership_id, partner_id, state,
                                                  date, client_ref, sequence_number, stock_pending,
                                                  create_date, write_date)
            SELECT 'GEN/' || g, %s, m.id, m.partner_id, 'confirmed',
                   now() - (g || ' minutes')::interval, 'gen-' || g, head.n + g, false, now(),
                   now()
              FROM generate_series(1, %s) g JOIN gen_membership m ON m.n = 1 + g %% %s,
                   (SELECT coalesce(max(sequence_number), 0) AS n FROM coup_purchase
                     WHERE company_id = %s) head""",
                   [company.id, d, n, company.id])
        cr.execute("""INSERT INTO coup_capture_ref (company_id, model, client_ref, res_id)
            SELECT company_id, 'coup.purchase', client_ref, id FROM coup_purchase
             WHERE company_id = %s AND client_ref LIKE 'gen-%%'""", [company.id])
        cr.execute("""INSERT INTO sms_sms (number, body, state, coup_gateway_id, coup_company_id,
                                           coup_provider_message_id, uuid, create_date)
            SELECT '+2237' || lpad(g::text, 7, '0'), 'gen', 'sent', %s, %s, 'GEN-' || g,
                   md5(g::text), now() FROM generate_series(1, %s) g""",
                   [gateway.id, company.id, d])
        cr.execute("""INSERT INTO coup_sms_inbound (gateway_id, company_id, provider_message_id,
                                                    from_number, body, state, create_date)
            SELECT %s, %s, 'gen-in-' || g, '+2237' || lpad(g::text, 7, '0'), 'OUI', 'done', now()
              FROM generate_series(1, %s) g""", [gateway.id, company.id, d])
        for table in ("res_partner", "coup_membership", "coup_purchase", "coup_capture_ref",
                      "sms_sms", "coup_sms_inbound"):
            cr.execute("ANALYZE %s" % table)  # noqa: S608 - our own table names
        cr.execute("SELECT partner_id FROM gen_membership WHERE n = %s", [n // 2])
        partner = cr.fetchone()[0]
        print("generated %d members, %d deliveries (capture refs), %d sent SMS, %d replies in "
              "%.1f s" % (n, d, d, d, time.perf_counter() - t0))
        params = {"company": company.id, "partner": partner, "gateway": gateway.id,
                  "mid": d // 2}
        for label, query in QUERIES:
            cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + query, params)
            plan = [row[0] for row in cr.fetchall()]
            scans = [re.sub(r"\s+\(.*", "", line.strip().lstrip("-> "))
                     for line in plan if "Scan" in line]
            total = next((line for line in plan if line.startswith("Execution Time")), "")
            buffers = next((line.strip() for line in plan if "Buffers" in line), "")
            print("%-48s %-10s %s; %s" % (label, total.replace("Execution Time: ", ""),
                                          " + ".join(scans) or plan[0][:60], buffers))
        # the ORM paths as the server runs them
        Purchase = env["coup.purchase"].with_context(allowed_company_ids=[company.id])
        t0 = time.perf_counter()
        for __ in range(5):
            Purchase.search_count([("partner_id", "=", partner), ("state", "=", "confirmed")])
            Purchase.search([("partner_id", "=", partner), ("state", "=", "confirmed")],
                            limit=20)
        print("ORM: a member's deliveries (count and page) %.1f ms" %
              ((time.perf_counter() - t0) / 5 * 1000))
        cr.rollback()


if __name__ == "__main__":
    main()
