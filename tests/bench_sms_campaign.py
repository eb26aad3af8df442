#!/usr/bin/env python3
"""Benchmark: an SMS campaign to 10,000 members through a local gateway that fails 10 % of calls.

    python3 tests/bench_sms_campaign.py -c ODOO_CONF -d DATABASE [--members 10000]
        [--fail-rate 0.1] [--fail-with 500] [--rate 1000] [--provider africastalking]
        [--crash-after 3000]

The database must have coup_sms installed; the benchmark adds a cooperative of its own with
its members, gateway and campaign (and leaves them there: use a scratch database). The fake
gateway (coup_sms/tests/fake_gateway.py) runs in this process on 127.0.0.1 and answers as the
provider does, failing a share of the calls; the campaign is sent by a child process exactly as
the cron sends it (batches committed one by one). With --crash-after N the child is killed
(SIGKILL) once the gateway has taken N messages, and a second child resumes the campaign.

Prints the members, the time, messages per second, the calls and failures the gateway saw,
and the duplicates (members who got the SMS more than once: must be 0).
"""
import argparse
import importlib.util
import json
import os
import pathlib
import signal
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
PREFIXES = ["65", "66", "67", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
            "82", "83", "89", "90", "91", "92", "93", "94", "95", "96", "97", "98", "99"]


def load_fake_gateway():
    spec = importlib.util.spec_from_file_location(
        "coup_sms_fake_gateway", ROOT / "coup_sms" / "tests" / "fake_gateway.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def odoo_registry(conf, db):
    import odoo
    from odoo.tools import config
    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    return odoo, odoo.modules.registry.Registry(db)


def child_setup(args):
    """Make a cooperative, its members, its gateway and a campaign; print their ids."""
    odoo, registry = odoo_registry(args.config, args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        stamp = int(time.time())
        company = env["res.company"].create({
            "name": "Bench SMS coop %s" % stamp, "country_id": env.ref("base.ml").id,
            "coup_member_prefix": "B%s-" % stamp})
        langs = ["fr_FR", "en_US", "es_ES"]
        for code in langs:
            env["res.lang"]._activate_lang(code)
        start = time.perf_counter()
        partners = env["res.partner"]
        for first in range(0, args.members, 1000):
            partners |= env["res.partner"].create([{
                "name": "Membre %s" % n, "member_first_name": "Membre%s" % n,
                "mobile": "+223%s%06d" % (PREFIXES[n % len(PREFIXES)], n),
                "sms_consent": True, "lang": langs[n % 3],
                "country_id": company.country_id.id,
            } for n in range(first, min(first + 1000, args.members))])
        env["coup.membership"].create([{"partner_id": p.id, "company_id": company.id}
                                       for p in partners])
        gateway = env["coup.sms.gateway"].create({
            "name": "Bench gateway", "company_id": company.id, "provider": args.provider,
            "base_url": args.url + ("/send" if args.provider == "generic" else ""),
            "at_username": "bench", "api_key": "bench-key", "account_sid": "ACbench",
            "auth_token": "bench-token", "sender": "BENCH", "success_rule": "json",
            "success_field": "status", "success_value": "ok", "id_field": "data.id",
            "rate_per_second": args.rate, "parallel_requests": args.parallel,
            "retry_attempts": 10, "retry_backoff": 0.2, "timeout": 5, "cost_per_sms": 25.0})
        segment = env["coup.member.segment"].create({
            "name": "Bench members", "company_id": company.id})
        campaign = env["coup.sms.campaign"].create({
            "name": "Bench campaign", "company_id": company.id, "segment_id": segment.id,
            "gateway_id": gateway.id, "default_lang": "fr",
            "body_fr": "Bonjour {first_name}, AG samedi 9h. Membre {member_number}.",
            "body_en": "Hello {first_name}, general assembly Saturday 9am.",
            "body_es": "Hola {first_name}, asamblea el sábado a las 9."})
        campaign.action_send_now()
        cr.commit()
        print(json.dumps({"campaign_id": campaign.id, "members": len(partners),
                          "setup_seconds": time.perf_counter() - start}))


def child_send(args):
    """Send (or resume) the campaign as the cron does; print the time it took."""
    odoo, registry = odoo_registry(args.config, args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        campaign = env["coup.sms.campaign"].browse(args.campaign_id)
        start = time.perf_counter()
        done = False
        while not done:
            done = campaign._coup_send(batch_size=args.batch)
            cr.commit()
            campaign.invalidate_recordset()
        print(json.dumps({"send_seconds": time.perf_counter() - start}))


def child_check(args):
    odoo, registry = odoo_registry(args.config, args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        campaign = env["coup.sms.campaign"].browse(args.campaign_id)
        cr.execute("""SELECT count(*) FILTER (WHERE attempts > 1), max(attempts)
                        FROM coup_sms_campaign_message WHERE campaign_id = %s""",
                   [campaign.id])
        retried, max_attempts = cr.fetchone()
        print(json.dumps({
            "state": campaign.state, "targeted": campaign.targeted_count,
            "sent": campaign.sent_count, "failed": campaign.failed_count,
            "interrupted": campaign.interrupted_count, "retried": retried,
            "max_attempts": max_attempts,
            "sms_sent": env["sms.sms"].search_count([("coup_gateway_id", "=",
                                                      campaign.gateway_id.id),
                                                     ("state", "=", "pending")]),
        }))


def run_child(args, kind, extra=(), kill_when=None, gateway=None):
    command = [sys.executable, __file__, "-c", args.config, "-d", args.database,
               "--child", kind, "--members", str(args.members), "--rate", str(args.rate),
               "--batch", str(args.batch), "--provider", args.provider,
               "--parallel", str(args.parallel), *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    if kill_when:
        while process.poll() is None:
            if len(gateway.accepted) >= kill_when:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                return None
            time.sleep(0.01)
    out, __ = process.communicate()
    if process.returncode:
        raise SystemExit("child %s failed (%s)" % (kind, process.returncode))
    return json.loads(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=10000)
    parser.add_argument("--fail-rate", type=float, default=0.1)
    parser.add_argument("--fail-with", default="500", help="500, 503, 429 or timeout")
    parser.add_argument("--rate", type=float, default=1000, help="gateway rate (SMS/s)")
    parser.add_argument("--parallel", type=int, default=1, help="parallel calls")
    parser.add_argument("--batch", type=int, default=100,
                        help="messages claimed and committed together (the crash window)")
    parser.add_argument("--provider", default="africastalking",
                        choices=["africastalking", "twilio", "generic"])
    parser.add_argument("--crash-after", type=int, default=0,
                        help="kill the sending worker once the gateway took this many SMS")
    parser.add_argument("--child", choices=["setup", "send", "check"])
    parser.add_argument("--url")
    parser.add_argument("--campaign-id", type=int)
    args = parser.parse_args()
    if args.child:
        {"setup": child_setup, "send": child_send, "check": child_check}[args.child](args)
        return

    fake = load_fake_gateway()
    gateway = fake.FakeGateway(args.provider, fail_rate=args.fail_rate,
                               fail_with=args.fail_with, timeout_delay=6).start()
    try:
        setup = run_child(args, "setup", ["--url", gateway.url])
        print("setup: %(members)s members, campaign %(campaign_id)s (%(setup_seconds).1f s)"
              % setup)
        campaign = ["--campaign-id", str(setup["campaign_id"])]
        start = time.perf_counter()
        runs = 1
        if args.crash_after:
            run_child(args, "send", campaign, kill_when=args.crash_after, gateway=gateway)
            print("worker killed (SIGKILL) after the gateway took %s SMS; resuming"
                  % len(gateway.accepted))
            runs = 2
        run_child(args, "send", campaign)
        elapsed = time.perf_counter() - start
        check = run_child(args, "check", campaign)
    finally:
        gateway.stop()
    counts = gateway.count_by_number()
    duplicates = sum(count - 1 for count in counts.values() if count > 1)
    calls = len(gateway.requests)
    failed_calls = calls - len(gateway.accepted)
    rate = len(counts) / elapsed if elapsed else 0
    print("campaign: %s members, state %s, %s sent, %s failed, %s interrupted"
          % (check["targeted"], check["state"], check["sent"], check["failed"],
             check["interrupted"]))
    print("gateway: %s calls, %s failed on purpose (%.1f %% %s), %s members reached, "
          "%s duplicates" % (calls, failed_calls, 100.0 * failed_calls / max(calls, 1),
                             args.fail_with, len(counts), duplicates))
    print("retries: %s messages needed more than one try (at most %s tries)"
          % (check["retried"], check["max_attempts"]))
    print("time: %.1f s in %s run(s) for %s messages: %.0f messages/s (preparing the "
          "recipients included)" % (elapsed, runs, len(counts), rate))
    ok = duplicates == 0 and (args.crash_after or len(counts) == setup["members"])
    print("RESULT: %s" % ("OK" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
