"""pytest settings shared by the Odoo tests (run through pytest-odoo) and the pure tests.

pytest imports the test modules before pytest-odoo turns Odoo's test mode on (it does so per
module, so that loading the registry does not run every installed module's tests), and
``odoo.tests.common`` logs an error when imported outside test mode. Here that is expected:
the line is dropped, any other log line is kept.
"""
import faulthandler
import logging
import os
import signal


class _ExpectedTestFrameworkImport(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_ExpectedTestFrameworkImport())


def _odoo_database(config):
    try:
        return config.getoption("odoo_database")
    except ValueError:  # pytest-odoo is not installed
        return None


def _in_odoo_module(path):
    return any((parent / "__manifest__.py").is_file() for parent in (path, *path.parents))


def pytest_ignore_collect(collection_path, config):
    """Without a database (``--odoo-database``, as ``./coup test`` passes), the tests of Odoo
    modules cannot be imported (Odoo loads a module's models only from a registry): a plain
    ``pytest tests/`` runs the pure tests and leaves those out, and says so in its header."""
    if not _odoo_database(config) and _in_odoo_module(collection_path):
        return True
    return None


def pytest_report_header(config):
    if not _odoo_database(config):
        return "Odoo modules' tests left out: they need --odoo-database and --odoo-config (./coup test passes them)"
    return None



# pytest-odoo's autouse fixtures, which load a registry from the database
_ODOO_FIXTURES = {"load_registry", "load_http", "enable_odoo_test_flag"}


def pytest_collection_modifyitems(config, items):
    """Without a database, the pure tests run without pytest-odoo's registry (as with
    ``-p no:odoo``); the tests of Odoo modules were left out above."""
    if _odoo_database(config):
        return
    for item in items:
        names = getattr(item, "fixturenames", None)
        if names is not None:
            names[:] = [name for name in names if name not in _ODOO_FIXTURES]


def pytest_configure(config):
    """``COUP_STACKS=FILE``: every thread's stack written to FILE on SIGQUIT, the signal
    ``./coup test`` sends a run that went past its time limit before it stops it, so a hang
    names the test and the line it waits on."""
    path = os.environ.get("COUP_STACKS")
    if path:
        config._coup_stacks = open(path, "w")  # noqa: SIM115 -- open for the whole run
        faulthandler.register(signal.SIGQUIT, file=config._coup_stacks, all_threads=True)
