"""The load harness's guards (tests/load/), without a server: it only ever targets this
machine, and every run is bounded. The harness itself is never run by CI."""
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
LOAD = ROOT / "tests" / "load"
sys.path.insert(0, str(LOAD))
from load_common import NotLoopback, require_loopback  # noqa: E402


@pytest.mark.parametrize("url", ["http://127.0.0.1:8069", "localhost:8069", "http://localhost",
                                 "http://[::1]:8069/web"])
def test_the_local_server_is_accepted(url):
    assert require_loopback(url)


@pytest.mark.parametrize("url", ["http://example.org", "https://coop.example.org:8069",
                                 "http://10.0.0.5:8069", "http://127.0.0.1.example.org", ""])
def test_any_other_host_is_refused(url):
    with pytest.raises(NotLoopback, match="only runs against 127.0.0.1/localhost"):
        require_loopback(url)


@pytest.mark.parametrize("script, args", [
    ("faults.py", ["--odoo-pid", "1", "--pg-data", "/nowhere", "-c", "x", "-d", "x",
                   "--duration", "10"]),
    ("run.py", ["-c", "x", "-d", "x", "--pg-data", "/nowhere", "--run-time", "10"]),
    ("server_cost.py", ["--webhooks"]),
])
def test_the_scripts_refuse_a_remote_host_before_anything(tmp_path, script, args):
    result = subprocess.run(
        [sys.executable, str(LOAD / script), "--host", "http://example.org:8069", *args],
        capture_output=True, text=True, timeout=60, check=False,
        env={"COUP_LOAD_OUT": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "refusing to target 'http://example.org:8069'" in result.stderr
    assert not list(tmp_path.iterdir()), "nothing written, nothing started"


@pytest.mark.parametrize("run_time", ["0", "901"])
def test_a_run_is_bounded_in_time(tmp_path, run_time):
    result = subprocess.run(
        [sys.executable, str(LOAD / "run.py"), "-c", "x", "-d", "x", "--pg-data", "/nowhere",
         "--run-time", run_time], capture_output=True, text=True, timeout=60, check=False,
        env={"COUP_LOAD_OUT": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode != 0
    assert "--run-time is 1 to 900 seconds" in result.stderr


class _Cursor:
    """What check_sms reads of the database: the gateway's SMS (provider id, number, text)."""

    def __init__(self, sms):
        self.sms, self.rows = sms, []

    def execute(self, query, params=None):
        if "GROUP BY number, body" in query:
            counts = {}
            for __, number, body in self.sms:
                counts[(number, body)] = counts.get((number, body), 0) + 1
            self.rows = [(number, body, n) for (number, body), n in counts.items()]
        elif "GROUP BY coup_provider_message_id" in query:
            self.rows = [(provider_id, 1) for provider_id, __, __ in self.sms]
        else:  # no reply, report or unsent SMS in these cases
            self.rows = []

    def fetchall(self):
        return self.rows


@pytest.mark.parametrize("taken, ok", [
    # a member who answered "NON" in two SMS got the same confirmation twice: two SMS
    ([("ATXid_1", "+22373000123", "Recorded: you will not come."),
      ("ATXid_2", "+22373000123", "Recorded: you will not come.")], True),
    # one SMS of the database, taken twice by the gateway under two ids: sent twice
    ([("ATXid_1", "+22373000123", "Recorded: you will not come."),
      ("ATXid_9", "+22373000123", "Recorded: you will not come.")], False),
])
def test_the_checker_tells_two_confirmations_from_one_sent_twice(tmp_path, monkeypatch,
                                                                 taken, ok):
    import json

    import check
    import load_common
    monkeypatch.setattr(load_common, "OUT", tmp_path)
    database = [("ATXid_1", "+22373000123", "Recorded: you will not come."),
                ("ATXid_2", "+22373000123", "Recorded: you will not come.")]
    if not ok:  # the second send's id was lost: the database holds the first one only
        database = database[:1]
    (tmp_path / "gateway.jsonl").write_text("".join(
        json.dumps({"to": to, "message": text, "id": provider_id}) + "\n"
        for provider_id, to, text in taken))
    results = []
    check.check_sms(_Cursor(database), {"gateway_id": 1, "tag": "T"}, results)
    assert results == [ok]


def test_the_gateway_keeps_its_rate_when_answers_are_late():
    """A late answer delays the next calls, which then leave at once until the gateway has
    caught up: over a minute, the rate asked, not less."""
    from load_common import Schedule
    now = [0.0]
    schedule = Schedule(2.5, clock=lambda: now[0])
    sent = 0
    while now[0] < 60:
        now[0] += schedule.wait()
        sent += 1
        # every tenth answer takes 2 s, the others 50 ms
        now[0] += 2.0 if sent % 10 == 0 else 0.05
    assert 148 <= sent <= 152
    # Locust's constant_throughput(2.5) waits max(0, 0.4 - took): 0.35 s after a 50 ms
    # answer, nothing after a late one: 10 calls take 5.6 s instead of 4, 107 a minute


def test_the_gateway_catches_up_by_a_bounded_backlog():
    """Behind by a minute (the server down), the gateway sends at most ``backlog`` calls at
    once, then keeps its rate."""
    from load_common import Schedule
    now = [0.0]
    schedule = Schedule(1.0, backlog=10, clock=lambda: now[0])
    assert schedule.wait() == 0.0
    now[0] += 60  # the call waited a minute for its answer
    waits = [schedule.wait() for __ in range(12)]
    assert waits[:11] == [0.0] * 11
    assert waits[11] == 1.0
