"""Upgrade from 18.0.1, where cooperatives were branches (children) of their federation.

Plain SQL on a cursor: the pre-migration runs before the module's new models are loaded.
Detaching comes first, so that the module's data (and demo data) then load onto independent
cooperatives; the federation memberships are recorded after, by
``res.company._coup_link_detached_cooperatives``.
"""
import json

from odoo.tools import SQL

PARAM = "coup_member_registry.detached_federation_branches"


def detach_federation_branches(cr):
    """Make every child of a federation a root company again; members and memberships are
    not touched. Returns ``[(company_id, federation_id, creation date)]``."""
    cr.execute(SQL("""
        SELECT child.id, child.parent_id, child.create_date::date::text
          FROM res_company child
          JOIN res_company federation ON federation.id = child.parent_id
         WHERE federation.coup_is_federation
      ORDER BY child.id
    """))
    rows = cr.fetchall()
    if not rows:
        return []
    ids = [row[0] for row in rows]
    cr.execute(SQL("UPDATE res_company SET parent_id = NULL WHERE id = ANY(%s)", ids))
    # the detached cooperatives and their own branches: paths from their new roots
    cr.execute(SQL("""
        WITH RECURSIVE tree(id, path) AS (
            SELECT id, id::text || '/' FROM res_company WHERE id = ANY(%s)
             UNION ALL
            SELECT child.id, tree.path || child.id::text || '/'
              FROM res_company child JOIN tree ON child.parent_id = tree.id
        )
        UPDATE res_company SET parent_path = tree.path FROM tree WHERE res_company.id = tree.id
    """, ids))
    return [tuple(row) for row in rows]


def remember(cr, rows):
    """Keep the detached pairs for the post-migration (a system parameter)."""
    cr.execute(SQL("""
        INSERT INTO ir_config_parameter (key, value, create_date, write_date)
             VALUES (%s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
    """, PARAM, json.dumps(rows)))


def recall(cr):
    """The pairs remembered by :func:`remember`, forgotten as they are read."""
    cr.execute(SQL("DELETE FROM ir_config_parameter WHERE key = %s RETURNING value", PARAM))
    row = cr.fetchone()
    return [tuple(pair) for pair in json.loads(row[0])] if row else []
