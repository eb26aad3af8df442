"""Values of a portal page's rows shown as Odoo's fields show them, looked up once a page.

A ``t-field`` in a row looks up its widget, the field's description and the reader's
language for every value: a third of the time of a page of 20 deliveries or 30 booklet rows.
Odoo's formatting functions called for each value still look the language up each time
(``get_lang``, its separators and its grouping parsed again): a sixth of a page. The member's
pages list rows on a phone, by the hundred at the season's peak, so their templates format
with ``coup_format`` instead (set by the portal's layout values), which reads the language
once and formats with the same steps as Odoo's widgets.
"""
import ast
import datetime
import re

import babel.dates

from odoo import fields
from odoo.http import request
from odoo.tools import float_round, format_date, posix_to_ldml
from odoo.tools.misc import babel_locale_parse, get_lang

from odoo.addons.base.models.res_lang import intersperse

# a date format of digits only (the languages' defaults) is the same through strftime as
# through Babel; a format with month or day names goes through Babel, in the language
NUMERIC_DATE = re.compile(r"^(?:[^%]|%[dmYy])*$")


class PortalFormats:
    """``date``, ``datetime``, ``number``, ``amount`` and ``selection`` as the ``date``,
    ``datetime`` (without seconds), ``float``, ``monetary`` and ``selection`` widgets render
    them, in the environment's language; ``link`` as the website localizes a link."""

    def __init__(self, env):
        self.env = env
        self.lang = get_lang(env)
        self._lang_record = env["res.lang"].browse(self.lang.id)
        self._strftime = self.lang.date_format \
            if NUMERIC_DATE.match(self.lang.date_format or "") else None
        # what res.lang.format(..., grouping=True) reads for every number
        self._grouping = ast.literal_eval(self.lang.grouping)
        self._thousands_sep = self.lang.thousands_sep or ""
        self._decimal_point = self.lang.decimal_point
        self._datetime_pattern = None
        self._labels = {}
        self._currencies = {}
        self._routes = {}

    def _format(self, percent, value):
        """``res.lang.format(percent, value, grouping=True)`` for a ``%…f`` format."""
        parts = (percent % value).split(".")
        parts[0] = intersperse(parts[0], self._grouping, self._thousands_sep)[0]
        return self._decimal_point.join(parts)

    def date(self, value):
        """The day of a date, or of a moment in the reader's time zone (as the widget)."""
        if not value:
            return ""
        if isinstance(value, datetime.datetime) and not value.tzinfo:
            value = fields.Datetime.context_timestamp(self._lang_record, value)
        if self._strftime:
            return value.strftime(self._strftime)
        return format_date(self.env, value, lang_code=self.lang.code)

    def datetime(self, value):
        """A moment in the reader's time zone, without its seconds."""
        if not value:
            return ""
        if self._datetime_pattern is None:
            self._locale = babel_locale_parse(self.lang.code)
            self._datetime_pattern = posix_to_ldml(
                "%s %s" % (self.lang.date_format, self.lang.time_format),
                locale=self._locale).replace(":ss", "").replace(":s", "")
        value = fields.Datetime.context_timestamp(self._lang_record, value)
        return babel.dates.format_datetime(value, format=self._datetime_pattern,
                                           locale=self._locale)

    def number(self, value, digits=None):
        """``digits`` decimals, or as many as the value has (Odoo's float widget)."""
        value = value or 0.0
        if digits is None:
            percent = "%f"
        else:
            value = float_round(value, precision_digits=digits)
            percent = f"%.{digits}f"
        formatted = self._format(percent, value).replace("-", "-\N{ZERO WIDTH NO-BREAK SPACE}")
        if digits is None:  # as the widget: %f, then its trailing zeros stripped
            formatted = re.sub(r"(?:(0|\d+?)0+)$", r"\1", formatted)
        return formatted

    def amount(self, value, currency):
        """As ``odoo.tools.format_amount``: rounded, grouped, the symbol before or after."""
        spec = self._currencies.get(currency.id)
        if spec is None:
            # the fields format_amount reads, rather than the whole currency on first access
            currency.fetch(["decimal_places", "rounding", "position", "symbol"])
            symbol = currency.symbol or ""
            spec = self._currencies[currency.id] = (
                f"%.{currency.decimal_places}f", currency.rounding,
                "%s\N{NO-BREAK SPACE}" % symbol if currency.position == "before" else "",
                "" if currency.position == "before" else "\N{NO-BREAK SPACE}%s" % symbol)
        percent, rounding, pre, post = spec
        formatted = self._format(percent, float_round(value or 0.0, precision_rounding=rounding))
        return pre + formatted.replace(" ", "\N{NO-BREAK SPACE}").replace(
            "-", "-\N{ZERO WIDTH NO-BREAK SPACE}") + post

    def link(self, route, record_id):
        """``route`` (a path ending with ``/``) and ``record_id``, as the website writes a
        page's links: ``/fr/my/deliveries/12`` for a reader in French. The website localizes
        every link of a page again (a routing lookup and the language's rules, 0.2 ms each:
        a fifth of a page of 20 rows); a route's prefix is the same for every row, so it is
        localized once. A link written with it carries ``data-no-post-process``, which
        tells the website it is written already."""
        path = "%s%s" % (route, record_id)
        if not (request and getattr(request, "website", None)):
            return path  # without the website, Odoo leaves a page's links as written
        prefix = self._routes.get(route)
        if prefix is None:
            localized = self.env["ir.http"]._url_for(path)
            # a rewrite of the route by the website's redirections: each link as the website
            prefix = self._routes[route] = localized[:-len(path)] \
                if localized.endswith(path) else False
        if prefix is False:
            return self.env["ir.http"]._url_for(path)
        return prefix + path

    def selection(self, record, field_name):
        """The label of ``record``'s selection value, in the reader's language."""
        key = (record._name, field_name)
        labels = self._labels.get(key)
        if labels is None:
            field = record._fields[field_name]
            labels = self._labels[key] = dict(field._description_selection(self.env))
        return labels.get(record[field_name], "")
