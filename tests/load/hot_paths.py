#!/usr/bin/env python3
"""The cost of each hot path per request, measured inside one process (never run by CI).

    python3 tests/load/hot_paths.py -c CONF -d DB [--tickets 20] [--webhooks 40] [--pages 5]

On a database made by ``setup_season.py`` (its ``season.json`` in COUP_LOAD_OUT), the
requests the harness sends go through Odoo's own WSGI application in this process (no
server, no network, no other worker): a till's collection tickets (and the same ticket sent
again; then as many in one batch, as the till sends what it kept offline), the gateway's
replies and delivery reports, a portal member's pages. For each action
it prints per request: queries, PostgreSQL time (as Odoo's cursor counts it), this process's
CPU time (``time.process_time``) and the clock. On a shared machine the clock is inflated by
the others' work; the queries and the CPU time are not, which is what this script is for.
Everything it sends is committed (use the season's throwaway database).
"""
import argparse
import os
import re
import statistics
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import season  # noqa: E402


class Probe:
    """Requests through Odoo's WSGI application in this process, each one measured."""

    def __init__(self, app, database, cast):
        self.app, self.database, self.cast, self.results = app, database, cast, {}

    def client(self):
        from werkzeug.test import Client
        return Client(self.app)

    def measure(self, client, name, method, url, **kwargs):
        thread = threading.current_thread()
        thread.query_count, thread.query_time = 0, 0.0
        cpu, clock = time.process_time(), time.perf_counter()
        response = client.open(url, method=method, environ_base={"REMOTE_ADDR": "127.0.0.1"},
                               **kwargs)
        entry = (getattr(thread, "query_count", 0), getattr(thread, "query_time", 0.0),
                 time.process_time() - cpu, time.perf_counter() - clock)
        if response.status_code >= 400:
            raise SystemExit("%s: HTTP %s %s" % (name, response.status_code,
                                                 response.get_data(as_text=True)[:300]))
        self.results.setdefault(name, []).append(entry)
        return response

    def rpc(self, client, name, path, params):
        response = self.measure(client, name, "POST", path, json={
            "jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
        payload = response.get_json()
        if payload.get("error"):
            raise SystemExit("%s: %s" % (name, payload["error"].get("data", {}).get("message")))
        return payload["result"]

    def login(self, client, login_name):
        self.rpc(client, "(log in)", "/web/session/authenticate", {
            "db": self.database, "login": login_name, "password": self.cast["password"]})

    def call(self, client, name, model, method, call_args):
        return self.rpc(client, name, "/web/dataset/call_kw/%s/%s" % (model, method), {
            "model": model, "method": method, "args": call_args,
            "kwargs": {"context": {"allowed_company_ids": [self.cast["company_id"]]}}})

    def job(self, name, func):
        """``func(env)`` on a cursor of its own, committed, measured as one entry per record
        it returns (a background job's batch)."""
        import odoo
        thread = threading.current_thread()
        thread.query_count, thread.query_time = 0, 0.0
        cpu, clock = time.process_time(), time.perf_counter()
        with odoo.modules.registry.Registry(self.database).cursor() as cr:
            count = len(func(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})) or [1])
        entry = (getattr(thread, "query_count", 0) / count,
                 getattr(thread, "query_time", 0.0) / count,
                 (time.process_time() - cpu) / count, (time.perf_counter() - clock) / count)
        self.results.setdefault("%s (per record, %d)" % (name, count), []).append(entry)

    def report(self):
        print("\n%-30s %5s %8s %10s %10s %10s" % (
            "action (median per request)", "n", "queries", "SQL ms", "CPU ms", "clock ms"))
        for name, entries in self.results.items():
            if name.startswith("("):
                continue
            print("%-30s %5d %8.0f %10.1f %10.1f %10.1f" % (
                name, len(entries), statistics.median(e[0] for e in entries),
                1000 * statistics.median(e[1] for e in entries),
                1000 * statistics.median(e[2] for e in entries),
                1000 * statistics.median(e[3] for e in entries)))


def tills(probe, count):
    """A till's tickets of two bags each, then the same tickets sent again."""
    cast = probe.cast
    till, client = cast["tills"][0], probe.client()
    probe.login(client, till["login"])
    members = cast["members"][:50]
    tickets = [{"uuid": "%s-hot-%s" % (cast["tag"], uuid.uuid4()),
                "partner_id": members[index % len(members)]["partner_id"],
                "lines": [{"product_id": cast["product_id"], "gross_kg": 40.5 + index,
                           "tare_kg": 0.5, "source": "scale", "grade": "A", "moisture": 8}
                          for __ in range(2)]} for index in range(count)]
    for label, batch in (("till: ticket sent (2 bags)", tickets),
                         ("till: ticket sent again", tickets)):
        for ticket in batch:
            probe.call(client, label, "coup.purchase", "coup_pos_record_collection",
                       [till["config_id"], ticket])
    # what the till kept offline, in one request (new tickets, then the same again)
    for label in ("till: batch of %d tickets" % count, "till: same batch again"):
        probe.call(client, label, "coup.purchase", "coup_pos_record_collections",
                   [till["config_id"], [dict(t, uuid=t["uuid"] + "-b") for t in tickets]])


def gateway(probe, count):
    """The gateway's members' replies, then delivery reports of sent SMS."""
    cast, client = probe.cast, probe.client()
    base = "/coup_sms/%s" % cast["gateway_id"]
    for index in range(count):
        member = cast["members"][index % len(cast["members"])]
        probe.measure(client, "sms: reply received", "POST",
                      "%s/inbound?token=%s" % (base, cast["webhook_secret"]), data={
                          "from": member["mobile"], "to": "KLELA",
                          "id": "%s-hot-%s" % (cast["tag"], uuid.uuid4().hex),
                          "text": "OUI %s" % (cast["reply_code"] or "")})
    # what the webhook stored, processed by the job (the member's answer, the SMS back)
    probe.job("sms: replies processed by the job",
              lambda env: env["coup.sms.inbound"]._cron_process_received(batch_size=count))
    for message_id in list(cast["sent_sms"])[-count:]:
        probe.measure(client, "sms: delivery report", "POST",
                      "%s/delivery?token=%s" % (base, cast["webhook_secret"]),
                      data={"id": message_id, "status": "Success"})


def portal(probe, count):
    """A member's pages, and an answer to an invitation."""
    client = probe.client()
    probe.login(client, probe.cast["portal"][0])
    for __ in range(count):
        for url, name in (("/my/coop/booklet", "portal: booklet"),
                          ("/my/deliveries", "portal: deliveries"),
                          ("/my/invitations", "portal: invitations")):
            response = probe.measure(client, name, "GET", url)
        page = response.get_data(as_text=True)
        ids = re.findall(r"/my/invitations/(\d+)/answer", page)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        if ids and token:
            probe.measure(client, "portal: answer invitation", "POST",
                          "/my/invitations/%s/answer" % ids[0],
                          data={"answer": "yes", "csrf_token": token.group(1)})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--tickets", type=int, default=20)
    parser.add_argument("--webhooks", type=int, default=40)
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--only", default="till,sms,portal",
                        help="comma-separated: till,sms,portal")
    args = parser.parse_args()
    only = set(args.only.split(","))

    import odoo
    from odoo.tools import config
    config.parse_config(["-c", args.config, "-d", args.database,
                         "--log-level=%s" % os.environ.get("COUP_HOT_LOG", "warn")])
    odoo.service.server.load_server_wide_modules()
    from odoo import http

    probe = Probe(http.root, args.database, season())
    if "till" in only:
        tills(probe, args.tickets)
    if "sms" in only:
        gateway(probe, args.webhooks)
    if "portal" in only:
        portal(probe, args.pages)
    probe.report()


if __name__ == "__main__":
    main()
