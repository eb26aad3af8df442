import logging

import psycopg2

from odoo import models

from odoo.addons.base.models.ir_cron import ODOO_NOTIFY_FUNCTION

from ..tools import cron_wakeup

_logger = logging.getLogger(__name__)


class IrCron(models.Model):
    _inherit = "ir.cron"

    def _notifydb(self):
        """Wake the cron workers as Odoo does, on a connection kept by this process rather
        than a new one each time (see ``tools/cron_wakeup``): the tills' tickets and the
        SMS webhooks trigger their jobs on every request."""
        try:
            cron_wakeup.notify("cron_trigger", self.env.cr.dbname, ODOO_NOTIFY_FUNCTION)
        except psycopg2.Error:
            _logger.info("Cron workers notified on a new connection: the kept one failed",
                         exc_info=True)
            super()._notifydb()
