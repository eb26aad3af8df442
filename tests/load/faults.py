#!/usr/bin/env python3
"""The faults of a load run, beside Locust: workers killed, PostgreSQL restarted, a till's
network cut, an SMS gateway that times out.

    python3 tests/load/faults.py --host http://127.0.0.1:8069 --odoo-pid PID \
        --pg-data DIR -c CONF -d DB --duration 180 [--kill-every 60] [--pg-restart-at 90]
        [--cut-at 45] [--sms-fail-rate 0.1]

- every ``--kill-every`` seconds, SIGKILL one of the Odoo server's worker processes (HTTP or
  cron, never the gevent one: Odoo's main process replaces it);
- at ``--pg-restart-at`` seconds, ``pg_ctl restart -m fast`` of the cluster in ``--pg-data``,
  then the time until Odoo answers a page that reads the database again (the recovery);
- at ``--cut-at`` seconds, ``out/cut-till``: the first collection till that sees it drops its
  connection in the middle of its next requests and resends them (locustfile.py);
- for the whole run, the season's SMS gateway is a local stand-in (coup_sms's fake gateway)
  that lets ``--sms-fail-rate`` of the calls time out (the message not taken); at the end what
  it took is added to ``out/gateway.jsonl`` for the checker.

Every fault is a line of ``out/faults.jsonl`` (what, when). It stops by itself after
``--duration`` seconds (or on SIGTERM/SIGINT) and targets only this machine.
"""
import argparse
import importlib.util
import json
import os
import pathlib
import random
import signal
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import OUT, Journal, require_loopback, season  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]


def fake_gateway_module():
    spec = importlib.util.spec_from_file_location(
        "coup_sms_fake_gateway", ROOT / "coup_sms" / "tests" / "fake_gateway.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def db_connect(config_file, database):
    import configparser

    import psycopg2
    parser = configparser.RawConfigParser()
    parser.read(config_file)

    def opt(key, default=None):
        value = parser.get("options", key, fallback=default)
        return None if value in (None, "False", "") else value

    host = opt("db_host", "127.0.0.1")
    require_loopback(host if host.startswith(("127.", "localhost", "::1")) else host)
    return psycopg2.connect(dbname=database, host=host, port=opt("db_port"),
                            user=opt("db_user"), password=opt("db_password"))


def children(pid):
    """The processes whose parent is ``pid``: (pid, command line)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid != pid:
                continue
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                found.append((int(entry), f.read().replace(b"\0", b" ").decode(errors="replace")))
        except (OSError, ValueError, IndexError):
            continue
    return found


def as_pg_user(command):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--"] + command
    return command


def answers(url, timeout=2):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except Exception:  # noqa: BLE001 - down is an answer here
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--odoo-pid", type=int, required=True,
                        help="Odoo's main process (prefork server)")
    parser.add_argument("--pg-data", required=True)
    parser.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    parser.add_argument("--pg-log", help="the cluster's log file (default: PG_DATA/server.log)")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--duration", type=float, required=True)
    parser.add_argument("--kill-every", type=float, default=60)
    parser.add_argument("--pg-restart-at", type=float, default=90)
    parser.add_argument("--cut-at", type=float, default=45)
    parser.add_argument("--sms-fail-rate", type=float, default=0.1)
    args = parser.parse_args()
    require_loopback(args.host)
    if args.duration > 15 * 60:
        raise SystemExit("coup faults: a run lasts at most 15 minutes")
    data = season()
    faults = Journal("faults.jsonl")
    (OUT / "cut-till").unlink(missing_ok=True)

    fake = fake_gateway_module().FakeGateway(
        "africastalking", fail_rate=args.sms_fail_rate, fail_with="timeout",
        timeout_delay=3.0, seed=int(time.time()))
    fake._counter = int(time.time()) % 100000 * 10000  # message ids of this run's own
    fake.start()
    with db_connect(args.config, args.database) as connection, connection.cursor() as cr:
        cr.execute("UPDATE coup_sms_gateway SET base_url = %s WHERE id = %s",
                   [fake.url, data["gateway_id"]])
    faults.write(fault="sms gateway", url=fake.url, fail_rate=args.sms_fail_rate)
    print("coup faults: SMS gateway stand-in at %s, %d %% of calls time out"
          % (fake.url, args.sms_fail_rate * 100), flush=True)

    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1))
    signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    start = time.time()
    next_kill = start + args.kill_every
    restarted = cut = False
    try:
        while not stop and time.time() - start < args.duration:
            now = time.time()
            if now >= next_kill:
                next_kill += args.kill_every
                workers = [(pid, cmd) for pid, cmd in children(args.odoo_pid)
                           if "gevent" not in cmd]
                if workers:
                    pid, cmd = random.choice(workers)
                    try:
                        os.kill(pid, signal.SIGKILL)
                        faults.write(fault="worker killed", pid=pid, of=len(workers))
                        print("coup faults: %.0f s: worker %s killed (SIGKILL), %d workers"
                              % (now - start, pid, len(workers)), flush=True)
                    except ProcessLookupError:
                        pass
            if not cut and now - start >= args.cut_at:
                cut = True
                (OUT / "cut-till").touch()
                faults.write(fault="till network cut")
                print("coup faults: %.0f s: a till's network cut mid-batch" % (now - start),
                      flush=True)
            if not restarted and now - start >= args.pg_restart_at:
                restarted = True
                t0 = time.time()
                faults.write(fault="postgresql restart", phase="begin")
                # the restarted server logs to its file: with a pipe it would hold ours open
                result = subprocess.run(as_pg_user([
                    os.path.join(args.pg_bin, "pg_ctl"), "-D", args.pg_data, "-m", "fast", "-w",
                    "-t", "60", "-l", args.pg_log or os.path.join(args.pg_data, "server.log"),
                    "restart"]), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, check=False, timeout=90)
                up = time.time()
                recovered = None
                while time.time() - up < 120 and not stop:
                    # a generous timeout: on a busy server the probe waits for a free worker
                    if answers(args.host.rstrip("/") + "/web/login", timeout=30):
                        recovered = time.time()
                        break
                    time.sleep(0.25)
                faults.write(fault="postgresql restart", phase="end", rc=result.returncode,
                             down_s=round(up - t0, 2),
                             recovered_s=recovered and round(recovered - t0, 2))
                print("coup faults: %.0f s: PostgreSQL restarted (rc %s, %.1f s), Odoo answered "
                      "again %s" % (t0 - start, result.returncode, up - t0,
                                    "after %.1f s" % (recovered - t0) if recovered
                                    else "NOT within 120 s"), flush=True)
            time.sleep(0.2)
    finally:
        # what the gateway took, for the checker (its calls still in flight are waited for)
        time.sleep(0.5)
        with open(OUT / "gateway.jsonl", "a") as f:  # every run of the season
            f.write(json.dumps({"calls": len(fake.requests)}) + "\n")
            for m in fake.accepted:
                f.write(json.dumps({"to": m["to"], "message": m["message"], "id": m["id"]})
                        + "\n")
        fake.stop()
        (OUT / "cut-till").unlink(missing_ok=True)
        print("coup faults: done; the gateway had %d calls and took %d messages"
              % (len(fake.requests), len(fake.accepted)), flush=True)


if __name__ == "__main__":
    main()
