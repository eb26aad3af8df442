"""What the load harness's scripts share: the loopback guard, the run's folder and its journals.

Nothing here talks to anything but 127.0.0.1/localhost: every script calls
:func:`require_loopback` on the address it is given before its first request.
"""
import json
import os
import pathlib
import threading
import time
from urllib.parse import urlsplit

HERE = pathlib.Path(__file__).resolve().parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# the run's files: season.json (what setup made), journals of what the clients sent, faults
OUT = pathlib.Path(os.environ.get("COUP_LOAD_OUT") or HERE / "out")


class NotLoopback(SystemExit):
    pass


def require_loopback(url):
    """``url``'s host, refusing anything but this machine (the harness never loads a real
    server by mistake)."""
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    if host not in LOOPBACK:
        raise NotLoopback("coup load: refusing to target %r: the harness only runs against "
                          "127.0.0.1/localhost" % (url,))
    return host


def season():
    """What setup_season.py made (users, ids, secrets of this run's test data)."""
    with open(OUT / "season.json") as f:
        return json.load(f)


class Journal:
    """Append-only JSON lines (one per event), flushed at once: what a client sent survives
    the client being stopped, and the checker reads it."""

    def __init__(self, name):
        OUT.mkdir(parents=True, exist_ok=True)
        self.path = OUT / name
        self._lock = threading.Lock()
        self._file = open(self.path, "a", buffering=1)  # noqa: SIM115 (closed at exit)

    def write(self, **event):
        event.setdefault("at", time.time())
        with self._lock:
            self._file.write(json.dumps(event) + "\n")


def read_journal(name):
    path = OUT / name
    if not path.exists():
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


class Schedule:
    """When a sender with messages arriving at ``rate`` a second sends its next one.

    A gateway's callbacks leave as its messages come in: an answer that is late delays the
    next calls, it does not lower the rate (Locust's ``constant_throughput`` does: a user
    whose call took longer than its interval simply sends fewer). Behind schedule, the next
    calls leave at once until the sender has caught up, by at most ``backlog`` calls: a
    gateway that found the server down for a minute does not send the minute's messages in
    one burst (it retries them over its own schedule)."""

    def __init__(self, rate, backlog=10, clock=time.monotonic):
        self.interval = 1.0 / rate
        self.backlog = backlog
        self.clock = clock
        self.due = None

    def wait(self):
        """Seconds to wait before the next message."""
        now = self.clock()
        due = now if self.due is None else self.due + self.interval
        self.due = max(due, now - self.backlog * self.interval)
        return max(0.0, self.due - now)
