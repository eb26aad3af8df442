"""Tests of ``./coup demo``'s safety, on a copy of the script: no Odoo server is started.

A second ``./coup demo`` while one runs must say in one line where it runs and touch nothing; a
port taken by another program is named; a demo never stops a PostgreSQL cluster it did not
start (the first demo's); the master password is random, kept in ``.coup/`` and printed once;
the server listens on 127.0.0.1 with the database list off.
"""
import os
import pathlib
import shutil
import socket
import stat
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]

# a stand-in for the Python of Odoo: it says it imports Odoo 18.0 (version, folder, addons
# path), finds no database (the script on its standard input with a conf and a name), and
# Odoo's server stops at once; anything else runs in the real Python
FAKE_PYTHON = """#!/bin/sh
case "$*" in
    *"sys.exit(r.version_info[0] != 18)"*) exit 0 ;;
    *"print(r.version)"*) echo 18.0; exit 0 ;;
    *"import os, odoo"*) echo /stand-in; exit 0 ;;
    -) echo /stand-in/addons; exit 0 ;;
    "- "*.conf" "*) exit 1 ;;
    *odoo.cli*) echo "stand-in: no Odoo server here" >&2; exit 1 ;;
esac
exec {python} "$@"
"""

FAKE_PG = """#!/bin/sh
# a stand-in for PostgreSQL's binaries: it records each call; `pg_ctl status` says it runs
echo "$(basename "$0") $*" >> "{log}"
case "$*" in *status*) exit 0 ;; esac
exit 0
"""


@pytest.fixture
def repo():
    """A copy of ./coup and odoo.conf in a folder the postgres user can enter (as root)."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="coup-demo-test-"))
    os.chmod(folder, 0o755)
    shutil.copy(ROOT / "coup", folder / "coup")
    for name in ("odoo.conf", "requirements.txt", "requirements-oca.txt"):
        shutil.copy(ROOT / name, folder / name)
    python = folder / "python"
    python.write_text(FAKE_PYTHON.format(python=sys.executable))
    python.chmod(0o755)
    (folder / ".coup").mkdir()
    # the stand-in PostgreSQL
    pg = folder / "pgbin"
    pg.mkdir()
    log = folder / "pg-calls.log"
    log.touch()
    os.chmod(log, 0o666)
    for name in ("pg_ctl", "initdb", "psql"):
        path = pg / name
        path.write_text(FAKE_PG.format(log=log))
        path.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def run_demo(repo, *args, env=None, timeout=120):
    full_env = dict(os.environ, PG_BIN=str(repo / "pgbin"), COUP_CACHE=str(repo / "cache"),
                    PYTHON=str(repo / "python"))
    full_env.pop("COUP_PORT", None)
    full_env.pop("COUP_HOST", None)
    full_env.update(env or {})
    return subprocess.run(
        [str(repo / "coup"), "demo", *args], capture_output=True, text=True, env=full_env,
        timeout=timeout, stdin=subprocess.DEVNULL, check=False,
    )


def pg_calls(repo):
    return (repo / "pg-calls.log").read_text().splitlines()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_second_demo_says_in_one_line_where_the_first_runs(repo):
    # the first demo: a live process of `coup demo` that registered itself
    first = subprocess.Popen(["bash", "-c", "sleep 60; true", "coup demo"])
    try:
        (repo / ".coup" / "demo-8069.pid").write_text(f"{first.pid} 127.0.0.1 8069 coup_demo\n")
        second = run_demo(repo)
        assert second.returncode != 0
        lines = (second.stdout + second.stderr).strip().splitlines()
        assert lines == [
            f"coup: the demo already runs at http://127.0.0.1:8069 (database coup_demo, process "
            f"{first.pid}); ./coup demo --port auto starts another one"
        ]
        assert first.poll() is None, "the first demo must keep running"
        assert pg_calls(repo) == [], "the second demo must not touch PostgreSQL"
    finally:
        first.kill()
        first.wait()


def test_a_demo_that_is_gone_is_not_taken_for_a_running_one(repo):
    gone = subprocess.Popen(["true"])
    gone.wait()
    (repo / ".coup" / "demo-8069.pid").write_text(f"{gone.pid} 127.0.0.1 8069 coup_demo\n")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_demo(repo, "--port", str(port))
    assert not (repo / ".coup" / "demo-8069.pid").exists()
    assert result.returncode != 0
    assert (result.stdout + result.stderr).strip().splitlines() == [
        f"coup: port {port} is taken by another program: ./coup demo --port auto picks a free one"
    ]
    assert pg_calls(repo) == []


def test_demo_leaves_a_cluster_it_did_not_start_running(repo):
    """The cluster runs already (the stand-in says so): the demo uses it and, whatever becomes
    of it afterwards (here Odoo's server stops at once), never stops the cluster."""
    pgdir = repo / ".coup" / "pg"
    pgdir.mkdir()
    os.chmod(pgdir, 0o777)
    # postmaster.pid's 4th line is the port: one where nothing listens
    (pgdir / "postmaster.pid").write_text(f"1\n{pgdir}\n0\n{free_port()}\n")
    result = run_demo(repo, "--port", "auto")
    assert result.returncode != 0, result.stderr  # no Odoo server behind the stand-in
    assert "stand-in: no Odoo server here" in result.stderr
    calls = pg_calls(repo)
    assert any(" status" in call for call in calls), calls
    assert not any(" stop" in call or " start" in call for call in calls), calls
    # the master password: random, kept readable by its owner only, printed this once
    password_file = repo / ".coup" / "master_password"
    password = password_file.read_text().strip()
    assert len(password) >= 20 and password != "admin"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert (result.stdout + result.stderr).count(password) == 1
    conf = (repo / ".coup" / "demo.conf").read_text()
    assert "http_interface = 127.0.0.1" in conf
    assert "list_db = False" in conf
    assert f"admin_passwd = {password}" in conf
    assert "admin_passwd = admin" not in conf
    again = run_demo(repo, "--port", "auto")
    assert password not in again.stdout + again.stderr, "printed only the first time"
    assert not any(" stop" in call for call in pg_calls(repo))


def test_odoo_conf_has_no_master_password_and_no_database_list():
    conf = (ROOT / "odoo.conf").read_text()
    assert "admin_passwd" not in conf.replace("; No admin_passwd", "")
    assert "list_db = False" in conf
