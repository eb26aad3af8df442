"""Values of a portal page's rows shown as Odoo's fields show them, looked up once a page.

A ``t-field`` in a row looks up its widget, the field's description and the reader's
language for every value: a third of the time of a page of 20 deliveries or 30 booklet rows.
The member's pages list rows on a phone, by the hundred at the season's peak, so their
templates format with ``coup_format`` instead (set by the portal's layout values).
"""
import datetime
import re

from odoo import fields
from odoo.tools import format_amount, format_date
from odoo.tools.misc import get_lang

# a date format of digits only (the languages' defaults) is the same through strftime as
# through Babel; a format with month or day names goes through Babel, in the language
NUMERIC_DATE = re.compile(r"^(?:[^%]|%[dmYy])*$")


class PortalFormats:
    """``date``, ``number``, ``amount`` and ``selection`` as the ``date``, ``float``,
    ``monetary`` and ``selection`` widgets render them, in the environment's language."""

    def __init__(self, env):
        self.env = env
        self.lang = get_lang(env)
        self._lang_record = env["res.lang"].browse(self.lang.id)
        self._strftime = self.lang.date_format \
            if NUMERIC_DATE.match(self.lang.date_format or "") else None
        self._float = env["ir.qweb.field.float"]
        self._labels = {}
        self._currencies = set()

    def date(self, value):
        """The day of a date, or of a moment in the reader's time zone (as the widget)."""
        if not value:
            return ""
        if isinstance(value, datetime.datetime) and not value.tzinfo:
            value = fields.Datetime.context_timestamp(self._lang_record, value)
        if self._strftime:
            return value.strftime(self._strftime)
        return format_date(self.env, value, lang_code=self.lang.code)

    def number(self, value, digits=None):
        """``digits`` decimals, or as many as the value has (Odoo's float widget)."""
        return self._float.value_to_html(value or 0.0, {"precision": digits})

    def amount(self, value, currency):
        if currency.id not in self._currencies:
            # the fields format_amount reads, rather than the whole currency on first access
            currency.fetch(["decimal_places", "rounding", "position", "symbol"])
            self._currencies.add(currency.id)
        return format_amount(self.env, value or 0.0, currency, self.lang.code)

    def selection(self, record, field_name):
        """The label of ``record``'s selection value, in the reader's language."""
        key = (record._name, field_name)
        labels = self._labels.get(key)
        if labels is None:
            field = record._fields[field_name]
            labels = self._labels[key] = dict(field._description_selection(self.env))
        return labels.get(record[field_name], "")
