#!/usr/bin/env python3
"""After a load run: what the database holds, held against what the clients sent.

    python3 tests/load/check.py -c CONF -d DB

One verdict per guarantee, from the database and the journals of tests/load/out/:
- deliveries: every ticket a till got an answer for is recorded exactly once (one confirmed
  delivery per client reference), no reference twice, nothing recorded that no till made; the
  tickets whose answer was lost (network cut, killed worker) recorded at most once;
- SMS: every reply the gateway posted is stored once, every delivery report applied; every
  message the gateway took matches one SMS of the database, and none was taken twice;
- imports: each register import is all or nothing (its members all there, or none);
- hash chains: the registry's integrity check of the cooperative, every chain intact;
- stock: no orphan stock move (every move of a delivery belongs to its receipt, none twice);
- errors: the 5xx and dropped connections the clients saw, told apart from the faults' windows.

Exits 1 if a guarantee fails.
"""
import argparse
import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import read_journal, season  # noqa: E402


def verdict(results, name, ok, detail):
    results.append(ok)
    print("%-12s %s  %s" % (name, "OK    " if ok else "FAILED", detail))


def check_deliveries(cr, data, results):
    events = read_journal("tickets.jsonl")
    made = {e["uuid"] for e in events if e["event"] == "made"}
    acked = {e["uuid"] for e in events if e["event"] == "recorded"}
    cr.execute("""SELECT client_ref, count(*), array_agg(DISTINCT state)
                    FROM coup_purchase
                   WHERE company_id = %s AND client_ref LIKE %s AND client_ref NOT LIKE %s
                     AND client_ref NOT LIKE %s
                GROUP BY client_ref""",
               # the season's past deliveries, and hot_paths.py's measured tickets, are not
               # the tills'
               [data["company_id"], data["tag"] + "-%", data["tag"] + "-past-%",
                data["tag"] + "-hot-%"])
    rows = {ref: (count, states) for ref, count, states in cr.fetchall()}
    twice = {ref for ref, (count, __) in rows.items() if count > 1}
    lost = acked - set(rows)
    unknown = set(rows) - made
    not_confirmed = {ref for ref, (__, states) in rows.items() if states != ["confirmed"]}
    unanswered = made - acked
    recorded_unanswered = unanswered & set(rows)
    verdict(results, "deliveries", not (twice or lost or unknown or not_confirmed),
            "%d tickets made, %d answered, %d recorded in the database; %d twice, %d answered "
            "but missing, %d not made by a till, %d not confirmed; of %d never answered, %d "
            "recorded once (the answer was lost), %d not recorded (still kept by the till)"
            % (len(made), len(acked), len(rows), len(twice), len(lost), len(unknown),
               len(not_confirmed), len(unanswered), len(recorded_unanswered),
               len(unanswered - set(rows))))


def check_sms(cr, data, results):
    events = read_journal("sms.jsonl")
    inbound = {e["id"] for e in events if e["kind"] == "inbound" and e["ok"]}
    reports = {e["id"] for e in events if e["kind"] == "delivery" and e["ok"]}
    cr.execute("""SELECT provider_message_id, count(*) FROM coup_sms_inbound
                   WHERE gateway_id = %s AND provider_message_id LIKE %s
                GROUP BY provider_message_id""", [data["gateway_id"], data["tag"] + "-in-%"])
    stored = dict(cr.fetchall())
    # the webhooks store the replies; their job processes them a moment later
    cr.execute("""SELECT state, count(*) FROM coup_sms_inbound
                   WHERE gateway_id = %s AND provider_message_id LIKE %s
                GROUP BY state""", [data["gateway_id"], data["tag"] + "-in-%"])
    processed = dict(cr.fetchall())
    inbound_twice = [k for k, n in stored.items() if n > 1]
    inbound_lost = inbound - set(stored)
    cr.execute("""SELECT coup_provider_message_id FROM sms_sms
                   WHERE coup_gateway_id = %s AND coup_provider_message_id = ANY(%s)
                     AND coup_delivered_date IS NULL""", [data["gateway_id"], list(reports)])
    unapplied = [r[0] for r in cr.fetchall()]
    lines = read_journal("gateway.jsonl")
    gateway = {"calls": sum(line.get("calls", 0) for line in lines)}
    taken = [line for line in lines if "id" in line]
    by_id = collections.Counter(m["id"] for m in taken)
    by_message = collections.Counter((m["to"], m["message"]) for m in taken)
    cr.execute("""SELECT coup_provider_message_id, count(*) FROM sms_sms
                   WHERE coup_gateway_id = %s AND coup_provider_message_id LIKE 'ATXid_%%'
                GROUP BY coup_provider_message_id""", [data["gateway_id"]])
    in_db = dict(cr.fetchall())
    taken_unknown = set(by_id) - set(in_db)
    db_unknown = set(in_db) - set(by_id)
    db_twice = [k for k, n in in_db.items() if n > 1]
    # the same text to the same number taken more often than the database has such SMS: a
    # message sent twice (a member who answers "NON" twice in two SMS gets the same
    # confirmation twice, two SMS of the database; a send whose gateway id was lost and
    # sent again is also caught above, as a message unknown to the database)
    cr.execute("""SELECT number, body, count(*) FROM sms_sms
                   WHERE coup_gateway_id = %s AND coup_provider_message_id LIKE 'ATXid_%%'
                GROUP BY number, body""", [data["gateway_id"]])
    meant = {(number, body): n for number, body, n in cr.fetchall()}
    sent_twice = [k for k, n in by_message.items() if n > meant.get(k, 0)]
    cr.execute("""SELECT state, count(*) FROM sms_sms WHERE coup_gateway_id = %s
                     AND coup_provider_message_id IS NULL GROUP BY state""",
               [data["gateway_id"]])
    waiting = dict(cr.fetchall())
    verdict(results, "sms", not (inbound_twice or inbound_lost or unapplied or taken_unknown
                                 or db_unknown or db_twice or sent_twice),
            "%d replies posted and answered, %d stored (%s), %d twice, %d missing; %d delivery "
            "reports, %d not applied; the gateway had %d calls and took %d messages: %d unknown "
            "to the database, %d recorded as sent but not taken, %d taken twice; not sent yet: "
            "%s" % (len(inbound), len(stored),
                    ", ".join("%s %d" % item for item in sorted(processed.items())),
                    len(inbound_twice), len(inbound_lost),
                    len(reports), len(unapplied), gateway["calls"], len(taken),
                    len(taken_unknown), len(db_unknown), len(sent_twice) + len(db_twice),
                    waiting or "none"))


def check_imports(cr, data, results):
    """The register's people (named "Imp000123 Traoré<tag>") are exactly the new members
    the finished imports made: a register imported again matches them and makes none; an
    import interrupted (a killed worker, the PostgreSQL restart) wrote nothing."""
    ids = sorted({e["id"] for e in read_journal("imports.jsonl")})
    lines, expected = [], 0
    for import_id in ids:
        cr.execute("""SELECT state, row_count, new_count, matched_count
                        FROM coup_member_import WHERE id = %s""", [import_id])
        row = cr.fetchone()
        if not row:
            lines.append("import %s: gone" % import_id)
            continue
        state, rows, new, matched = row
        expected += new if state == "done" else 0
        lines.append("import %s: %s, %s rows%s" % (
            import_id, state, rows, ", %s new and %s matched" % (new, matched)
            if state == "done" else ""))
    cr.execute("""SELECT count(*) FROM coup_membership m
                    JOIN res_partner p ON p.id = m.partner_id
                   WHERE m.company_id = %s AND p.name LIKE %s""",
               [data["company_id"], "Imp% Traoré" + data["tag"]])
    members = cr.fetchone()[0]
    whole = members == expected
    lines.append("%s members of the register in the database (%s)" % (
        members, "as the finished imports made them" if whole else
        "HALF-WRITTEN: the finished imports made %s" % expected))
    verdict(results, "imports", whole, "; ".join(lines) if ids else "no import was started")


def check_chains(env, data, results):
    company = env["res.company"].browse(data["company_id"])
    found = company._coup_run_integrity_check()
    broken = {model: r for (__, model), r in found.items() if r["broken"]}
    verdict(results, "hash chains", not broken, "; ".join(
        "%s: %s records%s" % (model, r["count"], ", broken at %s (%s)" % (r["broken"], r["reason"])
                              if r["broken"] else " intact") for (__, model), r in found.items()))
    env.cr.rollback()  # the check's own result is not kept


def check_stock(cr, data, results):
    # a move named after a delivery that is not on that delivery's receipt
    cr.execute("""SELECT count(*) FROM stock_move m
                    JOIN coup_purchase p ON p.name = m.origin AND p.company_id = m.company_id
                   WHERE p.company_id = %s AND p.reversed_id IS NULL
                     AND (p.picking_id IS NULL OR m.picking_id IS DISTINCT FROM p.picking_id)""",
               [data["company_id"]])
    orphans = cr.fetchone()[0]
    # a delivery received twice: more moves than storable lines
    cr.execute("""SELECT count(*) FROM (
                    SELECT p.id FROM coup_purchase p
                      JOIN stock_move m ON m.origin = p.name AND m.company_id = p.company_id
                     WHERE p.company_id = %s AND p.reversed_id IS NULL
                  GROUP BY p.id
                    HAVING count(m.id) > (SELECT count(*) FROM coup_purchase_line l
                                           WHERE l.purchase_id = p.id)) twice""",
               [data["company_id"]])
    twice = cr.fetchone()[0]
    cr.execute("""SELECT count(*) FROM stock_move m JOIN coup_purchase p ON p.picking_id = m.picking_id
                   WHERE p.company_id = %s AND m.state NOT IN ('done', 'cancel')""",
               [data["company_id"]])
    stuck = cr.fetchone()[0]
    cr.execute("""SELECT count(*) FROM coup_purchase WHERE company_id = %s AND state = 'confirmed'
                     AND (stock_pending OR picking_id IS NULL)""", [data["company_id"]])
    pending = cr.fetchone()[0]
    verdict(results, "stock", not (orphans or twice or stuck),
            "%d orphan moves, %d deliveries received twice, %d moves not done on a delivery's "
            "receipt; %d confirmed deliveries still waiting for the background stock entry"
            % (orphans, twice, stuck, pending))


def check_errors(results):
    errors = [e for e in read_journal("errors.jsonl") if "network cut" not in (e["name"] or "")]
    faults = read_journal("faults.jsonl")
    windows = []
    begin = None
    for fault in faults:
        if fault["fault"] == "worker killed":
            windows.append((fault["at"] - 1, fault["at"] + 5, "worker killed"))
        elif fault["fault"] == "postgresql restart" and fault.get("phase") == "begin":
            begin = fault["at"]
        elif fault["fault"] == "postgresql restart" and begin:
            windows.append((begin - 1, fault["at"] + 2, "postgresql restart"))
    explained = collections.Counter()
    others = []
    for error in errors:
        for low, high, label in windows:
            if low <= error["at"] <= high:
                explained[label] += 1
                break
        else:
            others.append(error)
    verdict(results, "errors", not others,
            "%d 5xx/dropped outside the faults%s; during the faults: %s" % (
                len(others), (" (%s)" % ", ".join(sorted({"%s %s" % (e["name"], e["status"])
                                                          for e in others})[:5])) if others else "",
                dict(explained) or "none"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args()
    import odoo
    from odoo.tools import config
    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(args.database)
    data = season()
    results = []
    print("coup check: season %s in database %s" % (data["tag"], args.database))
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        check_deliveries(cr, data, results)
        check_sms(cr, data, results)
        check_imports(cr, data, results)
        check_stock(cr, data, results)
        check_chains(env, data, results)
        check_errors(results)
    print("coup check: %s" % ("every guarantee holds" if all(results) else "FAILED"))
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
