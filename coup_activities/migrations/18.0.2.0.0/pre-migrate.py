"""Invitations become the activities' event registrations (18.0.2.0.0).

The old table is set aside under another name before the update, so that dropping the removed
model ``coup.activity.invitation`` cannot take its rows with it; ``post-migrate`` moves them.
"""
from odoo.tools import SQL
from odoo.tools.sql import table_exists


def migrate(cr, version):
    if table_exists(cr, "coup_activity_invitation"):
        cr.execute(SQL("ALTER TABLE coup_activity_invitation "
                       "RENAME TO coup_activity_invitation_legacy"))
