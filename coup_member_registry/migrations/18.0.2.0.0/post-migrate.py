"""18.0.1 -> 18.0.2: the cooperatives detached by the pre-migration join their federation
(``coup.federation.membership``); federation managers follow them."""
from odoo import SUPERUSER_ID, api

from odoo.addons.coup_member_registry.tools import federation_upgrade


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._coup_link_detached_cooperatives(federation_upgrade.recall(cr))
