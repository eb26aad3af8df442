"""18.0.2.0.0: the integrity check moved to the registry (one for every indelible record);
the marketplace's own nightly job goes."""

from odoo.tools import SQL


def migrate(cr, version):
    cr.execute(SQL("""
        DELETE FROM ir_cron WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'coup_marketplace' AND name = %(xmlid)s AND model = 'ir.cron')
    """, xmlid="ir_cron_coup_trade_integrity"))
    cr.execute(SQL("DELETE FROM ir_model_data WHERE module = 'coup_marketplace' AND name = %s",
                   "ir_cron_coup_trade_integrity"))
