"""18.0.1 -> 18.0.2: cooperatives are no longer branches of their federation.

In 18.0.1 a federation was the parent company of its cooperatives, which made each of them an
Odoo branch bound to the federation's currency and books. They become root companies, linked to
their federation by ``coup.federation.membership``; members and memberships are not touched.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"]._coup_migrate_branches_to_federations()
    env["res.users"]._coup_sync_federation_companies_all()
