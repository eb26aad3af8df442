"""Tests of ``./coup test``'s verdicts, on its functions (the script sourced): no Odoo, no
database. A run that counted fewer tests than ``tests/test_counts.json`` fails with one line
(more is fine, and said); a skipped tour fails; a missing Chromium stops the run in one line.
"""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.fixture
def repo():
    """A copy of ./coup with a tests/ folder, and a run folder of results."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="coup-script-test-"))
    shutil.copy(ROOT / "coup", folder / "coup")
    (folder / "tests").mkdir()
    (folder / "run").mkdir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def bash(repo, script, env=None):
    full_env = dict(os.environ, PYTHON=sys.executable, RUN=str(repo / "run"), **(env or {}))
    return subprocess.run(
        ["bash", "-c", f"source {repo / 'coup'}; {script}"], capture_output=True, text=True,
        env=full_env, cwd=repo, timeout=60, check=False,
    )


def write_result(repo, name, status, tests):
    (repo / "run" / f"{name}.result").write_text(f"{status}|{tests}|summary|0|1|\n")


def test_fewer_tests_than_counted_fail_in_one_line(repo):
    (repo / "tests" / "test_counts.json").write_text(json.dumps({"alone/coup_sms": 40}))
    write_result(repo, "alone-coup_sms", "ok", 38)
    result = bash(repo, "counts check alone/coup_sms=alone-coup_sms")
    assert result.returncode == 1
    assert result.stdout.strip().splitlines() == [
        "coup:   alone/coup_sms: 38 tests where 40 were counted — FAILED: fewer tests than counted"
    ]


def test_more_tests_than_counted_pass_and_say_so(repo):
    (repo / "tests" / "test_counts.json").write_text(json.dumps({"alone/coup_sms": 40, "suite": 900}))
    write_result(repo, "alone-coup_sms", "ok", 42)
    write_result(repo, "suite", "ok", 900)
    result = bash(repo, "counts check alone/coup_sms=alone-coup_sms suite=suite")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines() == [
        "coup:   alone/coup_sms: 42 tests, 2 more than counted (40); ./coup test --update-counts records them"
    ]


def test_update_counts_records_what_ran(repo):
    (repo / "tests" / "test_counts.json").write_text(json.dumps({"alone/coup_sms": 40, "suite": 900}))
    write_result(repo, "alone-coup_sms", "ok", 35)
    write_result(repo, "alone-coup_activities", "ok", 12)
    write_result(repo, "alone-coup_fieldbook", "FAILED", 3)  # a failed run records nothing
    result = bash(repo, "counts update alone/coup_sms=alone-coup_sms "
                        "alone/coup_activities=alone-coup_activities alone/coup_fieldbook=alone-coup_fieldbook")
    assert result.returncode == 0, result.stderr
    recorded = json.loads((repo / "tests" / "test_counts.json").read_text())
    assert recorded == {"alone/coup_sms": 35, "alone/coup_activities": 12, "suite": 900}


_LINE = "2026-12-04 08:00:0{} 1 INFO coup_alone_x {}: {}\n"
ODOO_LOG = (
    _LINE.format(0, "odoo.addons.coup_x.tests.test_a", "Starting TestA.test_one ...")
    + _LINE.format(1, "odoo.addons.coup_x.tests.test_a", "skipped TestA.test_needs_x "
                   "(odoo.addons.coup_x.tests.test_a.TestA.test_needs_x) : coup_y is not installed")
    + "{tour}"
    + _LINE.format(3, "odoo.modules.loading", "0 failed, 0 error(s) of 3 tests when loading database")
)
TOUR_SKIP = ("2026-12-04 08:00:02,000 1 INFO coup_alone_x odoo.addons.coup_x.tests.test_portal: skipped "
             "TestPortal.test_member_sees_parcels (odoo.addons.coup_x.tests.test_portal.TestPortal."
             "test_member_sees_parcels) : Chrome executable not found\n")


@pytest.mark.parametrize("tour, status, tests, reason", [
    ("", "ok", "2", ""),
    (TOUR_SKIP, "FAILED", "1", "a tour was skipped: TestPortal.test_member_sees_parcels"),
])
def test_a_skipped_tour_fails_the_odoo_run(repo, tour, status, tests, reason):
    (repo / "odoo.log").write_text(ODOO_LOG.format(tour=tour))
    # the server is a stand-in that prints that log
    result = bash(repo, "odoo_cli() { cat odoo.log; }; free_port() { echo 1; }; "
                        "odoo_tests alone-coup_x coup_alone_x coup_x /coup_x; cat \"$RUN/alone-coup_x.result\"")
    assert result.returncode == 0, result.stderr
    fields = result.stdout.strip().split("|")
    assert fields[0] == status
    assert fields[1] == tests  # the skipped tests are not counted as run
    assert fields[5].startswith(reason)


def test_a_skipped_tour_fails_the_pytest_run(repo):
    (repo / "run" / "suite.xml").write_text("""<?xml version="1.0"?>
<testsuites><testsuite>
<testcase classname="coup_x.tests.test_a.TestA" name="test_one"/>
<testcase classname="coup_x.tests.test_portal.TestPortal" name="test_member_sees_parcels">
<skipped type="pytest.skip" message="Chrome executable not found"/></testcase>
</testsuite></testsuites>""")
    verdict = bash(repo, 'junit_verdict "$RUN/suite.xml" 0 1')
    assert verdict.returncode == 0, verdict.stderr
    fields = verdict.stdout.strip().split("|")
    assert fields[:2] == ["FAILED", "1"]
    assert fields[5] == ("a tour was skipped: coup_x.tests.test_portal.TestPortal.test_member_sees_parcels "
                         "(Chrome executable not found)")


def test_without_chromium_the_tests_stop_in_one_line(repo):
    # a PATH with every command of the system but the browsers
    bin_dir = repo / "bin"
    bin_dir.mkdir()
    for folder in ("/usr/local/bin", "/usr/bin", "/bin"):
        for entry in sorted(pathlib.Path(folder).iterdir()) if os.path.isdir(folder) else ():
            if "chrom" in entry.name or (bin_dir / entry.name).exists():
                continue
            (bin_dir / entry.name).symlink_to(entry)
    result = bash(repo, "require_chromium", env={"PATH": str(bin_dir)})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "coup: Chromium not found: the browser tours cannot run, so the tests cannot pass "
        "(Debian: apt-get install chromium)"
    ]
