"""18.0.1 -> 18.0.2: cooperatives are no longer branches of their federation.

In 18.0.1 a federation was the parent company of its cooperatives, which made each of them an
Odoo branch bound to the federation's currency and books. Before the module loads, they become
root companies again (plain SQL); the post-migration records their federation memberships.
Members and memberships are not touched.
"""
from odoo.addons.coup_member_registry.tools import federation_upgrade


def migrate(cr, version):
    federation_upgrade.remember(cr, federation_upgrade.detach_federation_branches(cr))
