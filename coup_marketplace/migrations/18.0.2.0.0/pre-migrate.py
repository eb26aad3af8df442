"""18.0.2.0.0: the integrity check moved to the registry (one for every indelible record);
the marketplace's own nightly job goes."""


def migrate(cr, version):
    cr.execute("""
        DELETE FROM ir_cron WHERE id IN (
            SELECT res_id FROM ir_model_data
             WHERE module = 'coup_marketplace' AND name = 'ir_cron_coup_trade_integrity'
               AND model = 'ir.cron')
    """)
    cr.execute("DELETE FROM ir_model_data WHERE module = 'coup_marketplace' "
               "AND name = 'ir_cron_coup_trade_integrity'")
