"""18.0.2.0 -> 18.0.2.1: an import's report is kept as data and written out in the reader's
language when read (``coup.member.import.report_data``/``result_data``).

The reports of earlier imports were written once, in the language of whoever ran them: they
are kept as they were, as the ``legacy`` part of the report, shown until the import is checked
again.
"""
from odoo.tools import SQL
from odoo.tools.sql import column_exists


def migrate(cr, version):
    old = [name for name in ("preview_html", "error_html", "warning_html", "result_message")
           if column_exists(cr, "coup_member_import", name)]
    if not old:
        return
    cr.execute(SQL("ALTER TABLE coup_member_import ADD COLUMN IF NOT EXISTS report_data jsonb"))
    cr.execute(SQL(
        "UPDATE coup_member_import SET report_data = jsonb_build_object('legacy', "
        "jsonb_strip_nulls(jsonb_build_object(%s))) WHERE report_data IS NULL",
        SQL(", ").join(SQL("%s, %s", name, SQL.identifier(name)) for name in old)))
