"""Tests of ``./coup test``'s verdicts, on its functions (the script sourced): no Odoo, no
database. A run that counted fewer tests than ``tests/test_counts.json`` fails with one line
(more is fine, and said); a skipped tour fails; a missing Chromium stops the run in one line.
"""
import json
import os
import pathlib
import shutil
import socket
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
    result = bash(repo, "odoo_test_cli() { cat odoo.log; }; free_port() { echo 1; }; "
                        "odoo_tests alone-coup_x coup_alone_x coup_x /coup_x; cat \"$RUN/alone-coup_x.result\"")
    assert result.returncode == 0, result.stderr
    fields = result.stdout.strip().split("|")
    assert fields[0] == status
    assert fields[1] == tests  # the skipped tests are not counted as run
    assert fields[5].startswith(reason)


def test_a_hanging_run_is_stopped_and_named(repo):
    # the server is a stand-in that never ends: the run fails on its own after the limit
    result = bash(repo, "odoo_test_cli() { sleep 60; }; free_port() { echo 1; }; COUP_JOB_TIMEOUT=1 COUP_KILL_AFTER=1 "
                        "odoo_tests alone-coup_x coup_alone_x coup_x /coup_x; cat \"$RUN/alone-coup_x.result\"")
    assert result.returncode == 0, result.stderr
    fields = result.stdout.strip().split("|")
    assert fields[0] == "FAILED"
    assert fields[5].startswith("stopped after 1 s (hanging or too slow")
    assert int(fields[4]) < 30


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


# ------------------------------------------------------------------ ./coup serve

def serve_repo(repo):
    """The copy with the production profile and odoo.conf beside the script."""
    (repo / "docs" / "deploy").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "deploy" / "odoo.conf", repo / "docs" / "deploy" / "odoo.conf")
    shutil.copy(ROOT / "odoo.conf", repo / "odoo.conf")
    return repo


def test_serve_runs_odoo_with_the_documented_profile(repo):
    """The conf ./coup serve writes is docs/deploy/odoo.conf plus this server's address,
    ports, master password and database, and Odoo reads it as multi-worker mode."""
    serve_repo(repo)
    result = bash(repo, "odoo_addons_paths() { echo /odoo/addons; }; PGPORT=5499; "
                        "serve_conf out.conf 127.0.0.1 8069 8072 4 False s3cret-pw coup")
    assert result.returncode == 0, result.stderr
    script = (
        "import sys, odoo; from odoo.tools import config; config.parse_config(['-c', sys.argv[1]]);"
        "print({k: config[k] for k in ('workers', 'max_cron_threads', 'limit_memory_soft',"
        " 'limit_memory_hard', 'limit_time_real', 'limit_time_cpu', 'gevent_port', 'proxy_mode',"
        " 'list_db', 'http_interface', 'http_port', 'admin_passwd', 'dbfilter', 'db_name',"
        " 'db_port')})"
    )
    read = subprocess.run([sys.executable, "-c", script, str(repo / "out.conf")],
                          capture_output=True, text=True, check=False, timeout=60)
    assert read.returncode == 0, read.stderr
    options = eval(read.stdout.strip().splitlines()[-1])  # noqa: S307 (our own dict's repr)
    assert options == {
        "workers": 4, "max_cron_threads": 1, "limit_memory_soft": 2147483648,
        "limit_memory_hard": 2684354560, "limit_time_real": 1200, "limit_time_cpu": 600,
        "gevent_port": 8072, "proxy_mode": False, "list_db": False,
        "http_interface": "127.0.0.1", "http_port": 8069, "admin_passwd": "s3cret-pw",
        "dbfilter": "", "db_name": "coup", "db_port": 5499,
    }
    # the database by db_name alone: with a dbfilter, Odoo would list the server's databases
    # (a new connection) for every request without a session, each SMS webhook call
    # each key once: Odoo refuses a conf with a key twice
    keys = [line.split("=")[0].strip() for line in (repo / "out.conf").read_text().splitlines()
            if "=" in line]
    assert len(keys) == len(set(keys)), keys


def test_serve_proxy_and_workers_override_the_profile(repo):
    serve_repo(repo)
    result = bash(repo, "odoo_addons_paths() { echo /odoo/addons; }; PGPORT=5499; "
                        "serve_conf out.conf 0.0.0.0 9000 9003 9 True pw db2")
    assert result.returncode == 0, result.stderr
    conf = (repo / "out.conf").read_text()
    for line in ("workers = 9", "proxy_mode = True", "gevent_port = 9003",
                 "http_interface = 0.0.0.0", "max_cron_threads = 1", "db_name = db2"):
        assert line in conf.splitlines(), (line, conf)


def test_a_second_serve_is_refused_in_one_line(repo):
    serve_repo(repo)
    (repo / ".coup").mkdir()
    first = subprocess.Popen(["bash", "-c", "sleep 60; true", "coup serve"])
    try:
        (repo / ".coup" / "serve-8069.pid").write_text(f"{first.pid} 127.0.0.1 8069 coup\n")
        result = bash(repo, "STATE=$PWD/.coup; cmd_serve")
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"coup: the server already runs at http://127.0.0.1:8069 (database coup, process "
            f"{first.pid}); stop it first (kill {first.pid})"
        ]
        assert first.poll() is None
    finally:
        first.kill()
        first.wait()


@pytest.mark.parametrize("args, message", [
    ("--workers 0", "coup: --workers must be a number of processes (1 or more), not '0'"),
    ("--port http", "coup: --port must be a number or auto, not 'http'"),
])
def test_serve_refuses_bad_options(repo, args, message):
    serve_repo(repo)
    result = bash(repo, f"STATE=$PWD/.coup; cmd_serve {args}")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [message]


def test_serve_names_a_taken_websocket_port(repo):
    serve_repo(repo)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        gevent = taken.getsockname()[1]
        result = bash(repo, f"STATE=$PWD/.coup; cmd_serve --port {gevent - 3}")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"coup: port {gevent} (the websocket's, HTTP port + 3) is taken by another program: "
        "./coup serve --port PORT moves both"
    ]


def test_docker_compose_file_is_valid_and_local():
    """Docker is not on this machine: the compose file is only checked, not run."""
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((ROOT / "docs" / "deploy" / "docker-compose.yml").read_text())
    services = compose["services"]
    assert services["db"]["image"] == "postgres:15"
    assert "FROM odoo:18" in services["odoo"]["build"]["dockerfile_inline"]
    assert "../..:/mnt/coup:ro" in services["odoo"]["volumes"]
    assert "./odoo.conf:/etc/odoo/odoo.conf:ro" in services["odoo"]["volumes"]
    assert all(port.startswith("127.0.0.1:") for port in services["odoo"]["ports"])
    addons = [arg for arg in services["odoo"]["command"] if arg.startswith("--addons-path=")]
    assert addons and "/mnt/coup/addons" in addons[0] and addons[0].endswith(",/mnt/coup")


def test_the_lint_stage_leaves_the_load_harness_out(repo):
    """Locust (and the gevent it brings) is never installed into Odoo's Python by ./coup test."""
    shutil.copy(ROOT / "requirements-dev.txt", repo / "requirements-dev.txt")
    result = bash(repo, "lint_requirements")
    assert result.returncode == 0, result.stderr
    assert "pre-commit" in result.stdout
    assert "locust" not in result.stdout.lower()
    assert "locust" in (ROOT / "tests/load/requirements.txt").read_text()
    assert "locust" not in (ROOT / "requirements-dev.txt").read_text().lower()
    assert "locust" not in (ROOT / "requirements.txt").read_text().lower()


def test_serve_starts_odoo_from_a_script_so_the_websocket_process_starts(repo):
    """Odoo's prefork server spawns its gevent (websocket) process as ``python <argv[0]>
    gevent``: under ``python -c`` that is ``python -c gevent`` (a NameError) and the POS's
    websocket never listens. ./coup serve runs Odoo from a script file. (The gevent mode itself
    is not started here: it needs gevent's zope.interface, which this machine's Python lacks.)"""
    (repo / ".coup").mkdir()
    result = bash(repo, "STATE=$PWD/.coup; f=$(odoo_server_script); echo $f; "
                        "\"$PYTHON\" \"$f\" --version")
    assert result.returncode == 0, result.stderr
    script, version = result.stdout.strip().splitlines()[-2:]
    assert pathlib.Path(script).is_file()
    assert version.startswith("Odoo Server 18.0")
    assert '"$PYTHON" "$(odoo_server_script)" server' in (ROOT / "coup").read_text()


def test_serve_script_deepens_the_prefork_servers_listen_queue(repo):
    """Odoo's prefork server listens with 8 connections a worker; ./coup serve's script
    listens again with COUP_LISTEN_QUEUE (1024 unless set), never less than Odoo's."""
    (repo / ".coup").mkdir()
    probe = (
        "import runpy, sys, odoo.cli, odoo.service.server as s\n"
        "class Sock:\n"
        "    calls = []\n"
        "    def listen(self, n): self.calls.append(n)\n"
        "def start(self):\n"
        "    self.socket = Sock(); self.socket.listen(8 * self.population)\n"
        "s.PreforkServer.start = start\n"
        "odoo.cli.main = lambda: None\n"
        "runpy.run_path(sys.argv[1], run_name='__main__')\n"
        "for population in (4, 200):\n"
        "    server = s.PreforkServer.__new__(s.PreforkServer)\n"
        "    server.population = population\n"
        "    s.PreforkServer.start(server)\n"
        "print(Sock.calls)\n")
    for queue, expected in (("", "[32, 1024, 1600, 1600]"), ("300", "[32, 300, 1600, 1600]")):
        result = bash(repo, "STATE=$PWD/.coup; f=$(odoo_server_script); "
                            "COUP_LISTEN_QUEUE=%s \"$PYTHON\" -c \"$PROBE\" \"$f\"" % queue,
                      env={"PROBE": probe})
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == expected


def _addons(repo, manifests):
    """An addons folder of stand-in modules (name: dependencies) and a conf naming it."""
    addons = repo / "addons"
    for name, depends in manifests.items():
        (addons / name).mkdir(parents=True)
        (addons / name / "__manifest__.py").write_text(repr({"name": name, "depends": depends}))
    (repo / "odoo.conf").write_text(f"[options]\naddons_path = {addons}\n")


def test_modules_alone_start_from_the_stacks_they_share_with_exactly_their_dependencies(repo):
    _addons(repo, {
        "base": [], "account": ["base"], "stock": ["base"], "pos": ["account", "stock"],
        "event": ["base"], "reg": ["base"],
        "m_pos": ["reg", "pos"], "m_pos2": ["m_pos", "m_stock"], "m_stock": ["reg", "account", "stock"],
        "m_event": ["reg", "event"], "m_reg": ["reg"],
    })
    stacks = "reg;reg,event;reg,account;reg,account,stock;reg,pos"
    result = bash(repo, f"modules_info odoo.conf plan reg,m_pos,m_pos2,m_stock,m_event,m_reg '{stacks}' base")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    # a module starts from the largest stack within its dependencies; a stack used by one
    # start only (event: m_event) is not built, its module starts from the stack below
    assert [line for line in lines if line.startswith("module")] == [
        "module reg base", "module m_pos 4", "module m_pos2 4", "module m_stock 3",
        "module m_event 0", "module m_reg 0"]
    # each stack installs only what its start lacks (Odoo's -i on an installed module loads
    # its demo again); account alone is used by no module, so stock's stack starts from reg's
    assert [line for line in lines if line.startswith("stack")] == [
        "stack 0 base reg", "stack 3 0 account,stock", "stack 4 3 pos"]


# a stand-in odoo-bin (odoo_test_cli) for Odoo's own suite: its first run has a tour in error after an HTTP
# error; later runs print what they were asked to run, and pass unless FAIL_AGAIN is set
FLAKY_ODOO = r"""odoo_test_cli() {
    n=$(cat "$RUN/calls" 2>/dev/null || echo 0); echo $((n + 1)) >"$RUN/calls"
    echo "$*" >>"$RUN/args"
    d="2026-12-04 21:25:07,404 6728"
    if [ "$n" = 0 ]; then
        echo "$d ERROR ? odoo.http: Exception during request handling."
        echo "Traceback (most recent call last):"
        echo '  File "/opt/odoo18/odoo/http.py", line 2237, in statics'
        echo "OSError: the stand-in's first error"
        echo "$d ERROR db odoo.addons.point_of_sale.tests.test_frontend: ERROR: TestUi.test_01_pos_basic_order"
        echo "TimeoutError"
        echo "$d INFO db odoo.tests.result: 0 failed, 1 error(s) of 87 tests when loading database 'db'"
    elif [ -n "${FAIL_AGAIN:-}" ]; then
        echo "$d ERROR db odoo.addons.point_of_sale.tests.test_frontend: ERROR: TestUi.test_01_pos_basic_order"
        echo "$d INFO db odoo.tests.result: 0 failed, 1 error(s) of 1 tests when loading database 'db'"
    else
        echo "$d INFO db odoo.tests.result: 0 failed, 0 error(s) of 1 tests when loading database 'db'"
    fi
}; free_port() { echo 1; }; """


def test_a_test_of_odoos_suite_that_fails_once_is_run_again_on_its_own_and_named(repo):
    result = bash(repo, FLAKY_ODOO
                  + "odoo_suite_tests odoo-point_of_sale db '' '/point_of_sale,-/point_of_sale:TestX'; "
                  + "cat \"$RUN/odoo-point_of_sale.result\"")
    assert result.returncode == 0, result.stderr
    fields = result.stdout.strip().split("|")
    assert fields[0] == "ok" and fields[1] == "87"
    assert fields[2] == (
        "0 failed, 1 error(s) of 87 tests; run again, /point_of_sale:TestUi.test_01_pos_basic_order passed "
        "(its first error: ? odoo.http: Exception during request handling. ... OSError: the stand-in's first error)")
    # the second run is the failed test alone, on the same database, installing nothing
    first, second = (repo / "run" / "args").read_text().splitlines()
    assert "--test-tags /point_of_sale,-/point_of_sale:TestX" in first
    assert "--test-tags /point_of_sale:TestUi.test_01_pos_basic_order" in second
    assert "-d db" in second and " -i " not in second
    assert (repo / "run" / "odoo-point_of_sale.first.log").exists()


def test_a_test_of_odoos_suite_that_fails_twice_fails_the_run(repo):
    result = bash(repo, FLAKY_ODOO
                  + "FAIL_AGAIN=1 odoo_suite_tests odoo-point_of_sale db '' /point_of_sale; "
                  + "cat \"$RUN/odoo-point_of_sale.result\"; "
                  + "report odoo-point_of_sale \"Odoo's point_of_sale\"")
    fields = result.stdout.strip().splitlines()[0].split("|")
    assert fields[0] == "FAILED"
    assert fields[5] == "failed again on its own: /point_of_sale:TestUi.test_01_pos_basic_order"
    # the report shows both runs' errors, the first one's exception included
    assert "OSError: the stand-in's first error" in result.stdout + result.stderr
    assert result.returncode == 1
