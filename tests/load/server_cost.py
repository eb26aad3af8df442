#!/usr/bin/env python3
"""What one request costs the running server, measured from outside (never run by CI).

    python3 tests/load/server_cost.py --host http://127.0.0.1:55618 [--requests 100] \\
        [--portal /my/coop/booklet /my/deliveries /my/invitations] [--webhooks]

Sends ``--requests`` requests one after the other to ``./coup serve`` of this checkout (its
cast in ``season.json``: a portal member's kept session, the gateway's token) and prints per
request the CPU time the server's processes (HTTP workers, cron worker) and PostgreSQL's
spent, read from ``/proc`` before and after, and the clock. Unlike ``hot_paths.py`` (one
process), this counts what a real worker adds: the HTTP server, the session, the cron job a
request wakes. Run it on a quiet machine: other processes of the same names are counted.
"""
import argparse
import http.client
import json
import os
import subprocess
import sys
import time
import urllib.parse
import uuid
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import OUT, require_loopback, season  # noqa: E402


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total / os.sysconf("SC_CLK_TCK")


def pids(*pgrep_args):
    found = subprocess.run(["pgrep", *pgrep_args], capture_output=True, text=True,
                           check=False).stdout.split()
    return [int(pid) for pid in found]


def measure(host, label, requests, make):
    """``make(index)`` returns (method, path, body, headers)."""
    odoo, postgres = pids("-f", "odoo-bin server"), pids("-u", "postgres")
    before = cpu_seconds(odoo), cpu_seconds(postgres), time.perf_counter()
    status = None
    for index in range(requests):
        method, path, body, headers = make(index)
        connection = http.client.HTTPConnection(host.hostname, host.port, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
        connection.close()
    after = cpu_seconds(odoo), cpu_seconds(postgres), time.perf_counter()
    print("%-34s HTTP %s  Odoo %6.1f ms  PostgreSQL %6.1f ms  clock %6.1f ms" % (
        label, status, *(1000 * (a - b) / requests for a, b in zip(after, before))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8069")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--portal", nargs="*", default=[], metavar="PATH")
    parser.add_argument("--webhooks", action="store_true")
    args = parser.parse_args()
    require_loopback(args.host)
    host, cast = urlsplit(args.host), season()
    if args.portal:
        sessions = [json.loads(line) for line in (OUT / "portal_sessions.jsonl").open()]
        if not sessions:
            raise SystemExit("coup load: no kept portal session: run the PortalMember users once")
        cookie = {"Cookie": "session_id=%s" % sessions[-1]["sid"]}
        for path in args.portal:
            measure(host, "portal %s" % path, args.requests,
                    lambda index, path=path: ("GET", path, None, cookie))
    if args.webhooks:
        base = "/coup_sms/%s" % cast["gateway_id"]
        form = {"Content-Type": "application/x-www-form-urlencoded"}

        def reply(index):
            member = cast["members"][index % len(cast["members"])]
            return "POST", "%s/inbound?token=%s" % (base, cast["webhook_secret"]), \
                urllib.parse.urlencode({
                    "from": member["mobile"], "to": "KLELA",
                    "id": "%s-cost-%s" % (cast["tag"], uuid.uuid4().hex),
                    "text": "OUI %s" % (cast["reply_code"] or "")}), form

        def report(index):
            message_id = cast["sent_sms"][index % len(cast["sent_sms"])]
            return "POST", "%s/delivery?token=%s" % (base, cast["webhook_secret"]), \
                urllib.parse.urlencode({"id": message_id, "status": "Success"}), form

        measure(host, "sms: reply (and its job)", args.requests, reply)
        measure(host, "sms: delivery report", args.requests, report)


if __name__ == "__main__":
    main()
