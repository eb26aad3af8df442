"""A federation's harvest week against ``./coup serve``, with Locust (never run by CI).

    locust -f tests/load/locustfile.py --host http://127.0.0.1:8069 --headless \
        --users 60 --spawn-rate 10 --run-time 3m --csv tests/load/out/season \
        --html tests/load/out/season.html

(``tests/load/run.py`` runs it with the faults and the checker.) Needs the cast of
``setup_season.py`` (``tests/load/out/season.json``). The users:

- ``CollectionTill`` (one per till of the season): a batch of offline collection tickets sent
  through the till's own route (``coup.purchase.coup_pos_record_collections`` over JSON-RPC,
  as the POS's ``data.call`` does), in one request as the till sends what it kept
  (``COUP_LOAD_TILL_BATCHES=0``: one call per ticket), then the whole batch sent again; a
  ticket that fails is kept and resent, as the till keeps it in the browser. When faults.py cuts a
  till's network (``out/cut-till``), that till drops its connection in the middle of its next
  requests (the server may have recorded them) and resends them.
- ``PortalMember`` (the rest): booklet, deliveries, invitations, answering one.
- ``SmsGateway`` (COUP_LOAD_SMS_USERS): members' replies ("OUI 4821") and delivery reports
  through coup_sms's webhooks, a tenth of the replies sent twice as gateways retry. The
  gateway's messages come in at COUP_LOAD_SMS_RATE a second (replies and reports, the
  resends on top) on COUP_LOAD_SMS_USERS connections: a late answer delays the next calls,
  which then leave at once until the gateway has caught up (``load_common.Schedule``).
- ``Office`` (one): imports the register through the wizard over JSON-RPC, then follows it.
- ``ShopTill`` (one): a sale every few seconds through the POS's ``sync_from_ui``.

Bounded: only 127.0.0.1/localhost, ``--run-time`` required (at most 15 minutes), at most
COUP_LOAD_MAX_USERS users and COUP_LOAD_MAX_REQUESTS requests; it stops by itself. At the end
it prints per action: requests, failures, requests/s, p50/p95/p99; and the deliveries recorded
per second.
"""
import base64
import itertools
import os
import random
import re
import sys
import time
import uuid
from http.cookiejar import Cookie, eff_request_host
from urllib.parse import urlencode
from urllib.request import Request

from locust import FastHttpUser, HttpUser, between, events, task
from locust.exception import StopUser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_common import OUT, Journal, Schedule, read_journal, require_loopback, season  # noqa: E402

MAX_USERS = int(os.environ.get("COUP_LOAD_MAX_USERS", "400"))
MAX_REQUESTS = int(os.environ.get("COUP_LOAD_MAX_REQUESTS", "200000"))
MAX_SECONDS = 15 * 60
BATCH = int(os.environ.get("COUP_LOAD_BATCH", "50"))
SMS_USERS = int(os.environ.get("COUP_LOAD_SMS_USERS", "2"))
SMS_RATE = float(os.environ.get("COUP_LOAD_SMS_RATE", "100"))  # webhook calls/s, all users
TILLS = int(os.environ.get("COUP_LOAD_TILLS", "0"))  # 0: every till of the season
# "0": one request per ticket (the tills' protocol before batches)
TILL_BATCHES = os.environ.get("COUP_LOAD_TILL_BATCHES", "1") != "0"

SEASON = season()
TICKETS = Journal("tickets.jsonl")
SMS = Journal("sms.jsonl")
IMPORTS = Journal("imports.jsonl")
SALES = Journal("sales.jsonl")
_requests = itertools.count(1)
_tills = itertools.count()
_members = itertools.count()
_started = [time.time()]
PORTAL_SESSIONS = Journal("portal_sessions.jsonl")


def _portal_sessions():
    """The session each portal member's phone keeps, from the season's earlier logins."""
    return {e["login"]: e["sid"] for e in read_journal("portal_sessions.jsonl") if e.get("sid")}


@events.init.add_listener
def _bounds(environment, **kwargs):
    require_loopback(environment.host or "")
    options = environment.parsed_options
    if options is not None:
        if not options.run_time:
            raise SystemExit("coup load: --run-time is required (at most 15m): every run stops "
                             "by itself")
        if options.run_time > MAX_SECONDS:
            raise SystemExit("coup load: --run-time %ss is over the 15 minutes a run may take"
                             % options.run_time)
        if (options.num_users or 0) > MAX_USERS:
            raise SystemExit("coup load: %s users is over COUP_LOAD_MAX_USERS=%s"
                             % (options.num_users, MAX_USERS))


ERRORS = Journal("errors.jsonl")


@events.request.add_listener
def _count(request_type=None, name=None, response=None, exception=None, **kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500 or (exception and status == 0):
        # when, for the report: a 5xx or a dropped connection is told apart from the faults
        ERRORS.write(name=name, status=status, error=str(exception or "")[:200])
    if next(_requests) == MAX_REQUESTS:
        from locust import runners
        runner = runners.get_runner() if hasattr(runners, "get_runner") else None
        print("coup load: COUP_LOAD_MAX_REQUESTS=%s reached: stopping" % MAX_REQUESTS)
        if runner:
            runner.quit()
        else:
            os._exit(0)


@events.test_start.add_listener
def _start(environment, **kwargs):
    _started[0] = time.time()


class OdooRpc:
    """JSON-RPC as Odoo's web client speaks it; an Odoo error is a failure named after it."""

    def rpc(self, path, params, name, timeout=None):
        with self.client.post(path, json={"jsonrpc": "2.0", "method": "call", "params": params,
                                          "id": random.randint(1, 10 ** 9)},
                              name=name, catch_response=True, timeout=timeout) as response:
            try:
                payload = response.json()
            except ValueError:
                response.failure("HTTP %s, not JSON" % response.status_code)
                return None, "http %s" % response.status_code
            if payload.get("error"):
                error = payload["error"].get("data", {}).get("message") or str(payload["error"])
                response.failure(error[:120])
                return None, error
            response.success()
            return payload.get("result"), None

    def login(self, login):
        result, error = self.rpc("/web/session/authenticate", {
            "db": SEASON["database"], "login": login, "password": SEASON["password"]},
            "login (JSON-RPC)")
        if error:
            raise StopUser()
        return result

    def call(self, model, method, args, kwargs=None, name=None, timeout=None):
        return self.rpc("/web/dataset/call_kw/%s/%s" % (model, method), {
            "model": model, "method": method, "args": args,
            "kwargs": dict(kwargs or {}, context={"allowed_company_ids": [SEASON["company_id"]]}),
        }, name or "%s.%s" % (model, method), timeout=timeout)


class CollectionTill(OdooRpc, HttpUser):
    """A collection point's till catching up after a day offline."""

    fixed_count = TILLS or len(SEASON["tills"])
    wait_time = between(10, 30)

    def on_start(self):
        index = next(_tills) % len(SEASON["tills"])
        self.till = SEASON["tills"][index]
        self.members = SEASON["members"][index::len(SEASON["tills"])] or SEASON["members"]
        self.kept = []
        self.cut = 0
        self.login(self.till["login"])

    def ticket(self):
        member = random.choice(self.members)
        return {"uuid": "%s-%s" % (SEASON["tag"], uuid.uuid4()), "partner_id": member["partner_id"],
                "lines": [{"product_id": SEASON["product_id"],
                           "gross_kg": round(random.uniform(20, 80), 1), "tare_kg": 0.5,
                           "source": "scale", "grade": random.choice("AB"),
                           "moisture": random.choice([None, 7, 8, 9, 10])}
                          for __ in range(random.randint(1, 3))]}

    def send(self, ticket, label):
        if self.cut == 0 and os.path.exists(OUT / "cut-till"):
            try:  # this till takes the cut (one till per cut)
                os.rename(OUT / "cut-till", OUT / ("cut-till.%s" % self.till["login"]))
                self.cut = 5
            except OSError:
                pass
        if self.cut:
            self.cut -= 1
            try:  # the till's network goes in the middle of the request
                self.client.post("/web/dataset/call_kw/coup.purchase/coup_pos_record_collection",
                                 json={"jsonrpc": "2.0", "method": "call", "params": {
                                     "model": "coup.purchase",
                                     "method": "coup_pos_record_collection",
                                     "args": [self.till["config_id"], ticket],
                                     "kwargs": {}}},
                                 timeout=0.05, name="till: ticket (network cut)")
            except Exception:  # noqa: BLE001, S110 - the cut is the point
                pass
            TICKETS.write(uuid=ticket["uuid"], till=self.till["login"], event="cut")
            self.kept.append(ticket)
            return False
        result, error = self.call("coup.purchase", "coup_pos_record_collection",
                                  [self.till["config_id"], ticket], name=label)
        if error:
            TICKETS.write(uuid=ticket["uuid"], till=self.till["login"], event="error",
                          error=error[:200])
            self.kept.append(ticket)
            return False
        TICKETS.write(uuid=ticket["uuid"], till=self.till["login"], event="recorded",
                      name=result["name"])
        return True

    def send_batch(self, tickets, label):
        """The kept tickets in one request, as the till sends them when the network returns
        (``coup_pos_record_collections``); a batch refused is sent one ticket at a time."""
        if self.cut or os.path.exists(OUT / "cut-till") or not TILL_BATCHES:
            return [self.send(ticket, label) for ticket in tickets]
        result, error = self.call("coup.purchase", "coup_pos_record_collections",
                                  [self.till["config_id"], tickets], name=label + " (batch)")
        if error and "Ticket " in error:  # one ticket refused: one at a time
            return [self.send(ticket, label) for ticket in tickets]
        for ticket, receipt in zip(tickets, result or [None] * len(tickets)):
            if receipt:
                TICKETS.write(uuid=ticket["uuid"], till=self.till["login"], event="recorded",
                              name=receipt["name"])
            else:
                TICKETS.write(uuid=ticket["uuid"], till=self.till["login"], event="error",
                              error=(error or "")[:200])
                self.kept.append(ticket)
        return [bool(result)] * len(tickets)

    @task
    def offline_batch(self):
        batch = [self.ticket() for __ in range(BATCH)]
        for ticket in batch:
            TICKETS.write(uuid=ticket["uuid"], till=self.till["login"], event="made")
        self.send_batch(batch, "till: ticket sent")
        # the batch again (the till did not see the answers)
        self.send_batch(batch, "till: ticket sent again")
        # what failed is kept and resent, a few tries
        for attempt in range(5):
            if not self.kept:
                break
            time.sleep(2 * (attempt + 1))
            kept, self.kept = self.kept, []
            self.send_batch(kept, "till: kept ticket resent")


class PortalMember(FastHttpUser):
    """A member on their phone during the harvest week.

    Locust's lighter client (geventhttpclient): the 300 members and the server share the
    machine's cores, and Locust's default client (requests) cost about 3 ms of CPU a page,
    a tenth of what the server spends on it."""

    weight = 1
    wait_time = between(3, 10)

    def _session_id(self):
        return next((c.value for c in self.client.cookiejar if c.name == "session_id"), None)

    def _keep_session(self, sid):
        """The session cookie the member's phone kept, as Odoo set it (for the host as the
        cookie jar names it: ``localhost.local`` for ``localhost``)."""
        domain = eff_request_host(Request(self.host))[1]
        self.client.cookiejar.set_cookie(Cookie(
            0, "session_id", sid, None, False, domain, False, False,
            "/", True, False, None, False, None, None, {"HttpOnly": None}))

    def on_start(self):
        self.login_name = SEASON["portal"][next(_members) % len(SEASON["portal"])]
        # a member's phone keeps its session (Odoo's last a week): a member who logged in
        # during an earlier run of the season comes back logged in, as most visits do; the
        # first run is the morning when everyone logs in at once (each login hashes the
        # password: about half a second of a core)
        kept = _portal_sessions().get(self.login_name)
        if kept:
            self._keep_session(kept)
            with self.client.get("/my", name="portal: back, still logged in", catch_response=True,
                                 allow_redirects=False) as response:
                if response.status_code == 200:
                    return
                response.success()  # the session ended: logs in again below
            self.client.cookiejar.clear()
        page = self.client.get("/web/login", name="portal: login page")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text or "")
        if not token:
            raise StopUser()  # the page did not come (counted as the login page's failure)
        with self.client.post("/web/login", data=urlencode({
                "login": self.login_name, "password": SEASON["password"],
                "csrf_token": token.group(1), "redirect": "/my"}),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                name="portal: log in", catch_response=True, allow_redirects=False) as response:
            if response.status_code not in (302, 303):
                response.failure("login refused (%s)" % response.status_code)
                raise StopUser()
        PORTAL_SESSIONS.write(login=self.login_name, sid=self._session_id())

    def page(self, url, name):
        with self.client.get(url, name=name, catch_response=True,
                             allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure("HTTP %s" % response.status_code)
            return response

    @task(3)
    def booklet(self):
        self.page("/my/coop/booklet", "portal: booklet")

    @task(3)
    def deliveries(self):
        self.page("/my/deliveries", "portal: deliveries")

    @task(3)
    def invitations(self):
        self.page("/my/invitations", "portal: invitations")

    @task(1)
    def answer(self):
        response = self.page("/my/invitations", "portal: invitations")
        ids = re.findall(r'/my/invitations/(\d+)/answer', response.text or "")
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.text or "")
        if not ids or not token:
            return
        with self.client.post("/my/invitations/%s/answer" % ids[0], data=urlencode({
                "answer": random.choice(["yes", "no"]), "csrf_token": token.group(1)}),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
                name="portal: answer invitation", catch_response=True,
                allow_redirects=False) as answer:
            if answer.status_code not in (302, 303):
                answer.failure("HTTP %s" % answer.status_code)


class SmsGateway(HttpUser):
    """The gateway calling the cooperative's webhooks: replies and delivery reports."""

    fixed_count = SMS_USERS

    def wait_time(self):
        # the gateway's messages come in at their own rate, whatever our answers' delay
        return self.schedule.wait()

    def on_start(self):
        self.schedule = Schedule(SMS_RATE / max(SMS_USERS, 1))
        self.base = "/coup_sms/%s" % SEASON["gateway_id"]
        self.token = SEASON["webhook_secret"]
        self.reports = list(SEASON["sent_sms"])
        random.shuffle(self.reports)

    def post(self, kind, data, name):
        with self.client.post("%s/%s?token=%s" % (self.base, kind, self.token), data=data,
                              name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure("HTTP %s" % response.status_code)
                return False
            return True

    @task(1)
    def reply(self):
        member = random.choice(SEASON["members"])
        message_id = "%s-in-%s" % (SEASON["tag"], uuid.uuid4().hex)
        data = {"from": member["mobile"], "to": "KLELA", "id": message_id,
                "text": "%s %s" % (random.choice(["OUI", "NON", "oui"]),
                                   SEASON["reply_code"] or "")}
        ok = self.post("inbound", data, "sms: reply received")
        SMS.write(kind="inbound", id=message_id, ok=ok)
        if random.random() < 0.1:  # the gateway did not see our answer: it sends it again
            again = self.post("inbound", data, "sms: reply received again")
            SMS.write(kind="inbound", id=message_id, ok=again, again=True)

    @task(1)
    def delivery_report(self):
        if not self.reports:
            return
        message_id = self.reports.pop()
        ok = self.post("delivery", {"id": message_id, "status": "Success"},
                       "sms: delivery report")
        SMS.write(kind="delivery", id=message_id, ok=ok)


class Office(OdooRpc, HttpUser):
    """The office imports the register (the wizard over JSON-RPC), then follows it."""

    fixed_count = 1
    wait_time = between(5, 5)

    def on_start(self):
        self.login(SEASON["office"])
        self.import_id = None

    @task
    def import_register(self):
        if self.import_id is None:
            with open(SEASON["register"], "rb") as f:
                content = base64.b64encode(f.read()).decode()
            new_id, error = self.call("coup.member.import", "create", [{
                "file": content, "filename": os.path.basename(SEASON["register"]),
                "company_id": SEASON["company_id"]}], name="office: upload register")
            if error:
                return
            self.import_id = new_id if isinstance(new_id, int) else new_id[0]
            IMPORTS.write(id=self.import_id, event="created", rows=SEASON["register_rows"])
            for step in ("action_read_file", "action_check", "action_import"):
                __, error = self.call("coup.member.import", step, [[self.import_id]],
                                      name="office: %s" % step, timeout=1200)
                IMPORTS.write(id=self.import_id, event=step, error=error and error[:300])
                if error:
                    return
            return
        rows, error = self.call("coup.member.import", "read",
                                [[self.import_id], ["state", "progress", "new_count"]],
                                name="office: follow import")
        if rows:
            IMPORTS.write(id=self.import_id, event="state", state=rows[0]["state"],
                          progress=rows[0]["progress"])


class ShopTill(OdooRpc, HttpUser):
    """The cooperative's shop selling every few seconds."""

    fixed_count = 1
    wait_time = between(2, 6)

    def on_start(self):
        self.shop = SEASON["shop"]
        self.login(self.shop["login"])
        self.sequence = itertools.count(1)

    @task
    def sell(self):
        products = random.sample(self.shop["products"], random.randint(1, 3))
        lines = [[0, 0, {"product_id": p["id"], "qty": 1, "price_unit": p["price"],
                         "price_subtotal": p["price"], "price_subtotal_incl": p["price"],
                         "tax_ids": [[6, 0, []]], "pack_lot_ids": []}] for p in products]
        total = sum(p["price"] for p in products)
        ref = str(uuid.uuid4())
        order = {"amount_paid": total, "amount_return": 0, "amount_tax": 0,
                 "amount_total": total, "date_order": time.strftime("%Y-%m-%d %H:%M:%S",
                                                                    time.gmtime()),
                 "pricelist_id": self.shop["pricelist_id"], "name": "Order %s" % ref,
                 "last_order_preparation_change": "{}", "lines": lines,
                 "session_id": self.shop["session_id"],
                 "sequence_number": next(self.sequence), "uuid": ref,
                 "user_id": self.shop["user_id"], "to_invoice": False, "state": "paid",
                 "payment_ids": [[0, 0, {"amount": total, "name": order_time(),
                                         "payment_method_id": self.shop["payment_method_id"]}]]}
        __, error = self.call("pos.order", "sync_from_ui", [[order]], name="shop: sale synced")
        SALES.write(uuid=ref, ok=not error)


def order_time():
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())


@events.quitting.add_listener
def _summary(environment, **kwargs):
    """Per action: requests, failures, throughput and percentiles; then deliveries/s."""
    stats = environment.stats
    elapsed = max(time.time() - _started[0], 1)
    print("\ncoup load: %-34s %8s %7s %7s %7s %7s %7s" % (
        "action", "requests", "failed", "req/s", "p50 ms", "p95 ms", "p99 ms"))
    for entry in sorted(stats.entries.values(), key=lambda e: e.name):
        print("coup load: %-34s %8d %7d %7.1f %7.0f %7.0f %7.0f" % (
            entry.name[:34], entry.num_requests, entry.num_failures,
            entry.num_requests / elapsed, entry.get_response_time_percentile(0.5) or 0,
            entry.get_response_time_percentile(0.95) or 0,
            entry.get_response_time_percentile(0.99) or 0))
    total = stats.total
    print("coup load: %-34s %8d %7d %7.1f" % ("all", total.num_requests, total.num_failures,
                                              total.num_requests / elapsed))
    # what the targets are about: every webhook call, every portal page, each kind as one
    from locust.stats import StatsEntry
    for kind, prefix in (("SMS webhook calls", "sms:"), ("portal pages", "portal:")):
        merged = StatsEntry(stats, kind, "")
        for entry in stats.entries.values():
            if entry.name.startswith(prefix):
                merged.extend(entry)
        if merged.num_requests:
            print("coup load: %s: %d in %.0f s, %.1f/s, %d failed; p50 %.0f ms, p95 %.0f ms, "
                  "p99 %.0f ms" % (kind, merged.num_requests, elapsed,
                                   merged.num_requests / elapsed, merged.num_failures,
                                   merged.get_response_time_percentile(0.5) or 0,
                                   merged.get_response_time_percentile(0.95) or 0,
                                   merged.get_response_time_percentile(0.99) or 0))
    # this run's: the journal holds the whole season (earlier runs' tickets, resent or not)
    journal = [e for e in read_journal("tickets.jsonl") if e["event"] == "recorded"]
    before = {e["uuid"] for e in journal if e["at"] < _started[0]}
    recorded = {e["uuid"] for e in journal if e["at"] >= _started[0]} - before
    print("coup load: %d distinct deliveries recorded by the tills in %.0f s: %.1f/s"
          % (len(recorded), elapsed, len(recorded) / elapsed))
