#!/usr/bin/env python3
"""One bounded load run of the season with its faults, then the checker (never run by CI).

    ./coup serve &                                   # Odoo in multi-worker mode
    python3 tests/load/setup_season.py -c .coup/serve.conf -d DB --tills 5 --portal 40 ...
    python3 tests/load/run.py -c .coup/serve.conf -d DB --pg-data .coup/pg --run-time 180 \
        --tills 5 --portal 40 [--locust PATH] [--no-faults]

Runs faults.py and Locust (``--locust``: the ``locust`` command of a virtualenv with
tests/load/requirements.txt; Locust's gevent need not be Odoo's) for ``--run-time`` seconds (at most
900) against the server of ``--host`` (127.0.0.1/localhost only), then check.py. Writes
Locust's CSV and HTML reports under tests/load/out/ (COUP_LOAD_OUT) and prints the machine's
load (``uptime``) before and after, and how many connections the kernel dropped for a full
listen queue meanwhile.
"""
import argparse
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import HERE, OUT, require_loopback  # noqa: E402

ROOT = HERE.parents[1]


def odoo_main_pid(port):
    """Odoo's prefork server under ``./coup serve`` of this checkout on ``port``."""
    pidfile = ROOT / ".coup" / ("serve-%s.pid" % port)
    if not pidfile.exists():
        raise SystemExit("coup load: no ./coup serve on port %s (%s): start it, or give "
                         "--odoo-pid" % (port, pidfile))
    shell = int(pidfile.read_text().split()[0])
    from faults import children
    todo = [shell]
    while todo:  # the first Odoo process below the shell (a subshell may sit between)
        for pid, cmd in children(todo.pop()):
            if "odoo" in cmd and " server " in cmd + " ":
                return pid
            todo.append(pid)
    raise SystemExit("coup load: ./coup serve (process %s) has no Odoo server yet" % shell)


def listen_overflows():
    """Connections the kernel dropped because a listen queue was full, since boot (Linux):
    each one makes its client wait for its SYN to be sent again, 1 s later or more."""
    try:
        with open("/proc/net/netstat") as netstat:
            lines = [line.split() for line in netstat if line.startswith("TcpExt:")]
        return int(dict(zip(lines[0], lines[1]))["ListenOverflows"])
    except (OSError, IndexError, KeyError, ValueError):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="http://127.0.0.1:8069")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--pg-data", required=True)
    parser.add_argument("--pg-bin", default="/usr/lib/postgresql/15/bin")
    parser.add_argument("--pg-log", help="the cluster's log file (default: PG_DATA/server.log)")
    parser.add_argument("--odoo-pid", type=int)
    parser.add_argument("--run-time", type=int, required=True, help="seconds (at most 900)")
    parser.add_argument("--tills", type=int, default=20)
    parser.add_argument("--portal", type=int, default=300, help="portal members at once")
    parser.add_argument("--sms-users", type=int, default=2)
    parser.add_argument("--sms-rate", type=float, default=100, help="webhook calls/s")
    parser.add_argument("--batch", type=int, default=50, help="tickets per till batch")
    parser.add_argument("--ticket-by-ticket", action="store_true",
                        help="the tills send one request per ticket, not their batch")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--locust", default=shutil.which("locust") or "locust")
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--only", nargs="+", metavar="CLASS",
                        choices=["CollectionTill", "PortalMember", "SmsGateway", "Office", "ShopTill"],
                        help="these users only: one action's capacity on its own")
    parser.add_argument("--kill-every", type=float, default=60)
    parser.add_argument("--pg-restart-at", type=float, default=None,
                        help="seconds into the run (default: half of it)")
    args = parser.parse_args()
    require_loopback(args.host)
    if not 0 < args.run_time <= 900:
        raise SystemExit("coup load: --run-time is 1 to 900 seconds")
    # what the clients sent is kept for the whole season (the checker holds the database
    # against all of it); the errors and faults are this run's
    for name in ("errors.jsonl", "faults.jsonl"):
        (OUT / name).unlink(missing_ok=True)
    print("coup load: before: %s" % subprocess.run(["uptime"], capture_output=True,
                                                   text=True, check=False).stdout.strip())
    env = dict(os.environ, COUP_LOAD_TILLS=str(args.tills), COUP_LOAD_SMS_USERS=str(args.sms_users),
               COUP_LOAD_SMS_RATE=str(args.sms_rate), COUP_LOAD_BATCH=str(args.batch),
               COUP_LOAD_TILL_BATCHES="0" if args.ticket_by_ticket else "1",
               COUP_LOAD_OUT=str(OUT))
    faults = None
    if not args.no_faults:
        pid = args.odoo_pid or odoo_main_pid(urlsplit(args.host).port or 80)
        faults = subprocess.Popen([
            sys.executable, str(HERE / "faults.py"), "--host", args.host, "--odoo-pid", str(pid),
            "--pg-data", args.pg_data, "--pg-bin", args.pg_bin,
            *(["--pg-log", args.pg_log] if args.pg_log else []), "-c", args.config,
            "-d", args.database, "--duration", str(args.run_time + 5),
            "--kill-every", str(args.kill_every),
            "--pg-restart-at", str(args.pg_restart_at or args.run_time / 2),
            "--cut-at", str(args.run_time / 4)], env=env)
        time.sleep(2)  # the SMS gateway stand-in is up before the first SMS
    counts = {"CollectionTill": args.tills, "SmsGateway": args.sms_users, "Office": 1,
              "ShopTill": 1, "PortalMember": args.portal}
    users = sum(n for name, n in counts.items() if not args.only or name in args.only)
    started, overflows = time.time(), listen_overflows()
    locust = subprocess.run([
        args.locust, "-f", str(HERE / "locustfile.py"), "--host", args.host, "--headless",
        "--users", str(users), "--spawn-rate", str(args.spawn_rate),
        "--run-time", "%ds" % args.run_time, "--stop-timeout", "20",
        "--csv", str(OUT / "season"), "--html", str(OUT / "season.html"), "--only-summary",
        "--loglevel", "WARNING", *(args.only or [])], env=env, check=False,
        timeout=args.run_time + 120)
    print("coup load: Locust ran %.0f s (exit %s); during: %s" % (
        time.time() - started, locust.returncode,
        subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()))
    if overflows is not None:
        print("coup load: connections dropped by a full listen queue during the run: %d "
              "(each waits 1 s or more for its client to try again; ./coup serve's queue: "
              "COUP_LISTEN_QUEUE)" % (listen_overflows() - overflows))
    if faults:
        faults.send_signal(signal.SIGTERM)
        try:
            faults.wait(timeout=60)
        except subprocess.TimeoutExpired:
            print("coup load: faults.py did not stop within 60 s: killed")
            faults.kill()
    time.sleep(5)  # the last SMS of the cron leave
    check = subprocess.run([sys.executable, str(HERE / "check.py"), "-c", args.config,
                            "-d", args.database], env=env, check=False)
    print("coup load: reports in %s (season_stats.csv, season.html)" % pathlib.Path(OUT))
    sys.exit(check.returncode)


if __name__ == "__main__":
    main()
