"""pytest settings shared by the Odoo tests (run through pytest-odoo) and the pure tests.

pytest imports the test modules before pytest-odoo turns Odoo's test mode on (it does so per
module, so that loading the registry does not run every installed module's tests), and
``odoo.tests.common`` logs an error when imported outside test mode. Here that is expected:
the line is dropped, any other log line is kept.
"""
import logging


class _ExpectedTestFrameworkImport(logging.Filter):
    def filter(self, record):
        return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_ExpectedTestFrameworkImport())
