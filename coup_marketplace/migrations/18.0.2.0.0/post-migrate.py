"""18.0.2.0.0: seals keyed by the server's key (HMAC) instead of plain SHA-256, over what the
receipt shows, and a verification code per record. The chains confirmed before are sealed
anew once, their old heads kept in the anchor journal beside the new ones."""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for company in env["res.company"].search([]):
        for model in ("coup.purchase", "coup.sale"):
            count = env[model]._coup_reseal(company)
            if count:
                _logger.info("%s: %s records of %s sealed anew with the server's key",
                             company.name, count, model)
