"""The nightly check's budget within Odoo's cron limits (pure Python)."""
import importlib.util
import os
import resource

import pytest

_spec = importlib.util.spec_from_file_location("cron_budget", os.path.join(
    os.path.dirname(__file__), "..", "coup_member_registry", "tools", "cron_budget.py"))
budget = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(budget)


@pytest.fixture
def clock(monkeypatch):
    now = {"cpu": 100.0, "real": 1000.0}
    monkeypatch.setattr(budget, "_cpu", lambda: now["cpu"])
    monkeypatch.setattr(budget.time, "monotonic", lambda: now["real"])
    return now


def test_half_the_cpu_time_left_under_the_workers_limit(clock, monkeypatch):
    # the cron worker's pass began at 40 s of CPU with limit_time_cpu 600: 540 s are left
    monkeypatch.setattr(budget.resource, "getrlimit", lambda __: (640, resource.RLIM_INFINITY))
    deadline = budget.Deadline(600, 1200)
    clock["cpu"] = 369.0
    assert not deadline()
    clock["cpu"] = 370.0
    assert deadline(), "half of the 540 s left, the rest for the pass's other jobs"


def test_without_a_cpu_limit_set_the_configured_one_and_the_real_time(clock, monkeypatch):
    monkeypatch.setattr(budget.resource, "getrlimit",
                        lambda __: (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    deadline = budget.Deadline(60, 120)
    clock["cpu"] = 129.0
    assert not deadline()
    clock["cpu"] = 130.0
    assert deadline()
    deadline = budget.Deadline(0, 120)
    clock["cpu"] = 10 ** 6
    clock["real"] = 1059.0
    assert not deadline(), "no CPU limit configured: only the real time counts"
    clock["real"] = 1060.0
    assert deadline()
    assert not budget.Deadline(0, 0)(), "no limit at all"


def test_a_pass_already_past_its_limit_stops_at_once(clock, monkeypatch):
    monkeypatch.setattr(budget.resource, "getrlimit", lambda __: (90, resource.RLIM_INFINITY))
    assert budget.Deadline(600, 1200)()


def test_the_cron_real_time_limit_reads_as_odoo_reads_it():
    assert budget.cron_real_limit(-1, 1200) == 1200
    assert budget.cron_real_limit(0, 1200) == 0
    assert budget.cron_real_limit(3600, 1200) == 3600
