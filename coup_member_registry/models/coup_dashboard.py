import statistics
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.tools import SQL, format_date

CURRENT_STATES = ("candidate", "active", "suspended")
MEMBERSHIP_ACTION = "coup_member_registry.coup_membership_action"
MONTHS = 12


class CoupDashboard(models.AbstractModel):
    """Member figures per cooperative, rolled up per federation, for the dashboard client action.

    Feature modules add their own figures by extending :meth:`_coup_dashboard_figures`.
    """

    _name = "coup.dashboard"
    _description = "Cooperative Dashboard"

    # ------------------------------------------------------------------
    # Public API (called by the client action through orm.call)
    # ------------------------------------------------------------------

    @api.model
    def get_dashboard_data(self, company_ids=None):
        """Everything the dashboard draws, as a JSON-able dict.

        :param company_ids: ids of the cooperatives to show; by default the companies selected in
            the company switcher (``self.env.companies``), with the current member
            cooperatives of the selected federations that the user works in. Ids the user may
            not see are dropped.
        :return: ``{
                "companies": [{id, name, parent_id, child_ids, is_federation, currency_id}],
                "figures": [{key, label, help, icon, res_model, domain, company_field, action,
                             sequence, share_of, rollup, higher_is_better, monetary,
                             values: {company_id: number}, total,
                             and for amounts currency_id, converted: {company_id: amount}}],
                "federations": [{id, name, currency_id, company_ids, all_company_ids,
                                 branches: {child_id: [child_id and its descendants]},
                                 sum: {key: number}, median: {key: number},
                                 converted: {key: {child_id: amount}}}],
                "months": [{key, label, short_label, date_from, date_to,
                            joins: {company_id: n}, exits: {company_id: n}}],
            }``
            A figure's ``domain`` is without the company: the client adds
            ``(company_field, "in", ids)`` for the cell that is clicked.
        """
        self.env["coup.membership"].check_access("read")
        # one "today" for every figure, in the user's time zone, even across midnight
        self = self.with_context(coup_dashboard_today=fields.Date.to_string(
            self._coup_dashboard_today()))
        companies = self._coup_dashboard_companies(company_ids)
        figures = self._coup_dashboard_prepare_figures(companies)
        return {
            "today": self.env.context["coup_dashboard_today"],
            "companies": self._coup_dashboard_company_tree(companies),
            "figures": figures,
            "federations": self._coup_dashboard_rollup(companies, figures),
            "months": self._coup_dashboard_months(companies),
        }

    # ------------------------------------------------------------------
    # Extension point
    # ------------------------------------------------------------------

    def _coup_dashboard_figures(self, companies):
        """The figures of the dashboard, one column of the cooperatives table and one KPI card.

        Feature modules extend this method with ``super()`` and append their own figures::

            def _coup_dashboard_figures(self, companies):
                figures = super()._coup_dashboard_figures(companies)
                if self.env["sms.sms"].has_access("read"):
                    counts = dict(self.env["sms.sms"]._read_group(
                        [("coup_company_id", "in", companies.ids)],
                        ["coup_company_id"], ["__count"]))
                    figures.append({
                        "key": "sms_sent",
                        "label": _("SMS Sent"),
                        "values": {company.id: count for company, count in counts.items()},
                        "res_model": "sms.sms",
                        "domain": [("state", "=", "sent")],
                        "company_field": "coup_company_id",
                        "sequence": 200,
                    })
                return figures

        Each figure is a dict:

        - ``key`` (str, unique): identifies the figure;
        - ``label`` (str): translated with ``_()``;
        - ``values`` (dict): ``{company_id: number}`` for the companies of ``companies``
          (missing ones count as 0). Compute them for all companies at once (one
          ``_read_group`` or one SQL query), never in a loop; check the access rights on the
          model you count;
        - ``domain`` (list): on ``res_model``, *without* the company condition: a click on a
          number opens ``res_model`` filtered by ``domain`` and ``(company_field, "in", ids)``,
          which must find exactly the records counted;
        - ``res_model`` (str): the model the figure counts, ``coup.membership`` by default;
        - ``sequence`` (int): order of the figures; the registry's own use 10 to 90;
        - optional ``icon`` (Font Awesome class of the KPI card, e.g. ``"fa-comment"``),
          ``company_field`` (str, default ``"company_id"``), ``action`` (xmlid of the
          window action to open, without its default filters; defaults to the members list for
          ``coup.membership`` and to a plain list/form for other models), ``help`` (tooltip), ``share_of`` (key of the
          figure this one is a part of, to show a percentage), ``higher_is_better`` (default
          ``True``; ``False`` shows a cooperative above the federation's median in red, as for
          exits) and ``rollup`` (``"sum"``, the default, or ``False`` for figures that cannot be
          added up across cooperatives, such as rates: the federation row then shows no total)
          and ``monetary`` (``True`` for amounts: ``values`` are in each cooperative's own
          currency; totals and medians across cooperatives are converted, the dashboard's
          total to the current company's currency and each federation's to its own, at the
          rate of the period's last day; where a currency has no rate, the converted amount is
          ``None`` and the figure names the currency instead of adding it 1:1).

        The period is :meth:`_coup_dashboard_range` (the same for every figure).

        :param companies: ``res.company`` recordset the dashboard shows (already restricted to
            those the user may see)
        :return: list of figure dicts
        """
        counts = self._coup_dashboard_member_counts(companies)
        span = self._coup_dashboard_range()
        first, last = span["date_from"], span["date_to"]
        current = [("state", "in", list(CURRENT_STATES))]
        definitions = [
            ("members", _("Members"), "fa-users", False, current,
             _("Members who have not left: candidates, active and suspended members.")),
            ("active", _("Active"), "fa-check-circle", "members", [("state", "=", "active")],
             _("Members in the active status.")),
            ("men", _("Men"), "fa-male", "members", current + [("gender", "=", "male")],
             _("Current members who are men.")),
            ("women", _("Women"), "fa-female", "members", current + [("gender", "=", "female")],
             _("Current members who are women.")),
            ("youth", _("Youth"), "fa-child", "members", current + [("is_youth", "=", True)],
             _("Current members within the cooperative's youth age band.")),
            ("principal", _("Principal"), "fa-home", "members",
             current + [("membership_type", "=", "principal")],
             _("Current principal members (heads of household).")),
            ("affiliated", _("Affiliated"), "fa-user-plus", "members",
             current + [("membership_type", "=", "affiliated")],
             _("Current affiliated members: spouses, children and other household members.")),
            ("joins", _("Joined (12 months)"), "fa-sign-in", False,
             [("join_date", ">=", first), ("join_date", "<=", last)],
             _("Memberships that started in the last 12 months.")),
            ("exits", _("Left (12 months)"), "fa-sign-out", False,
             [("exit_date", ">=", first), ("exit_date", "<=", last)],
             _("Memberships that ended in the last 12 months.")),
        ]
        return [{
            "key": key,
            "label": label,
            "help": help_text,
            "icon": icon,
            "values": counts[key],
            "domain": domain,
            "res_model": "coup.membership",
            "action": MEMBERSHIP_ACTION,
            "share_of": share_of,
            "higher_is_better": key != "exits",
            "sequence": (index + 1) * 10,
        } for index, (key, label, icon, share_of, domain, help_text) in enumerate(definitions)]

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------

    def _coup_dashboard_flush(self):
        self.env["coup.membership"].flush_model(
            ["partner_id", "company_id", "state", "membership_type", "join_date", "exit_date",
             "active"])
        self.env["res.partner"].flush_model(["gender", "birth_date", "active"])
        self.env["res.company"].flush_model(["coup_youth_age_min", "coup_youth_age_max"])

    def _coup_dashboard_member_counts(self, companies):
        """The registry's own figures for all ``companies`` in one aggregate query.

        Gender and youth count members whose contact is not archived, as the list filters do
        (they search through ``partner_id``). Youth uses the same birth-date bounds as
        :func:`member_parsing.birth_date_bounds` (29 February falls back to the 28th, as
        PostgreSQL's interval arithmetic does).

        :return: ``{figure_key: {company_id: count}}``
        """
        keys = ("members", "active", "men", "women", "youth", "principal", "affiliated",
                "joins", "exits")
        counts = {key: dict.fromkeys(companies.ids, 0) for key in keys}
        if not companies:
            return counts
        self._coup_dashboard_flush()
        today = self._coup_dashboard_today()
        first, last = self._coup_dashboard_period(today)
        self.env.cr.execute(SQL(
            """
            SELECT m.company_id,
                   COUNT(*) FILTER (WHERE m.state IN %(current)s) AS members,
                   COUNT(*) FILTER (WHERE m.state = 'active') AS active,
                   COUNT(*) FILTER (WHERE m.state IN %(current)s AND p.active
                                    AND p.gender = 'male') AS men,
                   COUNT(*) FILTER (WHERE m.state IN %(current)s AND p.active
                                    AND p.gender = 'female') AS women,
                   COUNT(*) FILTER (
                       WHERE m.state IN %(current)s AND p.active
                         AND p.birth_date > (%(today)s::date
                             - make_interval(years => c.coup_youth_age_max + 1))::date
                         AND p.birth_date <= (%(today)s::date
                             - make_interval(years => c.coup_youth_age_min))::date) AS youth,
                   COUNT(*) FILTER (WHERE m.state IN %(current)s
                                    AND m.membership_type = 'principal') AS principal,
                   COUNT(*) FILTER (WHERE m.state IN %(current)s
                                    AND m.membership_type = 'affiliated') AS affiliated,
                   COUNT(*) FILTER (WHERE m.join_date BETWEEN %(first)s AND %(last)s) AS joins,
                   COUNT(*) FILTER (WHERE m.exit_date BETWEEN %(first)s AND %(last)s) AS exits
              FROM coup_membership m
              JOIN res_partner p ON p.id = m.partner_id
              JOIN res_company c ON c.id = m.company_id
             WHERE m.active
               AND m.company_id = ANY(%(company_ids)s)
          GROUP BY m.company_id
            """,
            current=CURRENT_STATES, today=today, first=first, last=last,
            company_ids=list(companies.ids),
        ))
        for row in self.env.cr.dictfetchall():
            for key in keys:
                counts[key][row["company_id"]] = row[key]
        return counts

    def _coup_dashboard_months(self, companies):
        """Joins and exits per month over the last 12 months (this one included), one query.

        :return: list of ``{key, label, date_from, date_to, joins: {company_id: n},
            exits: {company_id: n}}``, oldest month first
        """
        first, last = self._coup_dashboard_period(self._coup_dashboard_today())
        months = []
        for index in range(MONTHS):
            start = first + relativedelta(months=index)
            months.append({
                "key": start.strftime("%Y-%m"),
                "label": format_date(self.env, start, date_format="MMM yyyy"),
                "short_label": format_date(self.env, start, date_format="MMM"),
                "date_from": fields.Date.to_string(start),
                "date_to": fields.Date.to_string(start + relativedelta(months=1, days=-1)),
                "joins": dict.fromkeys(companies.ids, 0),
                "exits": dict.fromkeys(companies.ids, 0),
            })
        if not companies:
            return months
        self._coup_dashboard_flush()
        by_key = {month["key"]: month for month in months}
        self.env.cr.execute(SQL(
            """
            SELECT company_id, kind, to_char(month, 'YYYY-MM') AS month, COUNT(*) AS count
              FROM (
                    SELECT m.company_id, 'joins' AS kind,
                           date_trunc('month', m.join_date) AS month
                      FROM coup_membership m
                     WHERE m.active AND m.company_id = ANY(%(company_ids)s)
                       AND m.join_date BETWEEN %(first)s AND %(last)s
                 UNION ALL
                    SELECT m.company_id, 'exits' AS kind,
                           date_trunc('month', m.exit_date) AS month
                      FROM coup_membership m
                     WHERE m.active AND m.company_id = ANY(%(company_ids)s)
                       AND m.exit_date BETWEEN %(first)s AND %(last)s
                   ) flows
          GROUP BY company_id, kind, month
            """,
            company_ids=list(companies.ids), first=first, last=last,
        ))
        for company_id, kind, month, count in self.env.cr.fetchall():
            by_key[month][kind][company_id] = count
        return months

    @api.model
    def _coup_dashboard_model(self, model_name):
        """``model_name`` to count a figure with, or ``None`` when the user may not read it.

        The dashboard's companies are already those the user may see (a federation manager's
        include its member cooperatives, whatever the company switcher shows): counts are
        made without the record rules, so a federation sees each cooperative's figures as the
        cooperative's own dashboard does. Always restrict the domain to ``companies``.
        """
        Model = self.env[model_name]
        if not Model.has_access("read"):
            return None
        return Model.sudo()

    @api.model
    def _coup_dashboard_today(self):
        """The dashboard's today: the user's local date (their time zone, not UTC), fixed once
        per call of :meth:`get_dashboard_data` (context key ``coup_dashboard_today``)."""
        today = self.env.context.get("coup_dashboard_today")
        return fields.Date.to_date(today) if today else fields.Date.context_today(self)

    @api.model
    def _coup_dashboard_range(self):
        """The dashboard's period, for every module's figures::

            {"today", "date_from", "date_to"}            # dates, as strings
            {"datetime_from", "datetime_to"}             # UTC, as strings: a datetime field
                                                         # is in the period when
                                                         # datetime_from <= value < datetime_to

        The datetimes are the user's local midnights (first day, and the day after the last)
        in UTC, so an activity at 23:30 in Bamako or Bogotá counts on its own day.
        """
        today = self._coup_dashboard_today()
        first, last = self._coup_dashboard_period(today)
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        def utc(day):
            local = tz.localize(datetime.combine(day, time.min))
            return fields.Datetime.to_string(local.astimezone(pytz.utc).replace(tzinfo=None))
        return {
            "today": fields.Date.to_string(today),
            "date_from": fields.Date.to_string(first),
            "date_to": fields.Date.to_string(last),
            "datetime_from": utc(first),
            "datetime_to": utc(last + relativedelta(days=1)),
        }

    @api.model
    def _coup_dashboard_period(self, today):
        """First and last day of the 12 months that end with the current one."""
        first = today.replace(day=1) - relativedelta(months=MONTHS - 1)
        last = today.replace(day=1) + relativedelta(months=1, days=-1)
        return first, last

    # ------------------------------------------------------------------
    # Companies and roll-up
    # ------------------------------------------------------------------

    def _coup_dashboard_companies(self, company_ids=None):
        """The companies to show: those asked for among the ones the user may see.

        The user sees the companies of the company switcher and, for the federations among
        them, their current member cooperatives (as the record rules' ``coup_company_ids``).
        """
        visible = self.env.companies._coup_with_member_companies()
        if company_ids:
            wanted = set(company_ids)
            visible = visible.filtered(lambda company: company.id in wanted)
        # names and youth bands of member cooperatives a federation manager does not belong to
        visible = visible.sudo()
        # as a tree: each federation followed by its cooperatives, by name at every level
        parents = self._coup_dashboard_parents(visible)
        names = {company.id: company.name for company in visible}

        def path(company_id):
            parent_id = parents.get(company_id)
            return (path(parent_id) if parent_id else []) + [(names[company_id], company_id)]
        return visible.sorted(lambda company: path(company.id))

    def _coup_dashboard_members(self, companies):
        """``{company_id: [direct member company ids among companies]}`` today."""
        selected = set(companies.ids)
        members = self.env["res.company"]._coup_federation_members(
            self._coup_dashboard_today())
        return {company.id: [cid for cid in members.get(company.id, ()) if cid in selected]
                for company in companies}

    def _coup_dashboard_parents(self, companies):
        """``{company_id: federation id}``: the federation a cooperative is shown under (the
        first shown one it belongs to, by name, for a cooperative in two federations)."""
        parents = {}
        members = self._coup_dashboard_members(companies)
        for federation in companies.sorted("name"):
            for member_id in members[federation.id]:
                parents.setdefault(member_id, federation.id)
        return parents

    def _coup_dashboard_company_tree(self, companies):
        members = self._coup_dashboard_members(companies)
        parents = self._coup_dashboard_parents(companies)
        return [{
            "id": company.id,
            "name": company.name,
            "parent_id": parents.get(company.id, False),
            "child_ids": [cid for cid in members[company.id] if parents.get(cid) == company.id],
            "is_federation": bool(members[company.id]),
            "currency_id": company.currency_id.id,
        } for company in companies]

    def _coup_dashboard_prepare_figures(self, companies):
        figures = []
        by_id = {company.id: company for company in companies}
        rate_date = self._coup_dashboard_rate_date()
        for figure in self._coup_dashboard_figures(companies):
            values = figure.get("values") or {}
            figure = {
                "help": False,
                "icon": "fa-bar-chart",
                "res_model": "coup.membership",
                "company_field": "company_id",
                "action": False,
                "share_of": False,
                "rollup": "sum",
                "higher_is_better": True,
                "monetary": False,
                "sequence": 100,
                "domain": [],
                **figure,
                "values": {company.id: values.get(company.id, 0) for company in companies},
            }
            if not figure["action"] and figure["res_model"] == "coup.membership":
                figure["action"] = MEMBERSHIP_ACTION
            summed = figure["values"]
            figure["missing_rates"] = []
            if figure.get("monetary"):
                # one currency for the cards that add cooperatives up: the current company's
                figure["currency_id"] = self.env.company.currency_id.id
                summed, missing = self._coup_dashboard_convert(
                    figure["values"], by_id, self.env.company, rate_date)
                figure["converted"] = summed
                figure["missing_rates"] = missing
            figure["total"] = self._coup_dashboard_sum(summed.values()) \
                if figure["rollup"] else False
            figures.append(figure)
        figures.sort(key=lambda figure: figure["sequence"])
        return figures

    def _coup_dashboard_rollup(self, companies, figures):
        """Per federation: the sum and the median of its current member cooperatives.

        A member cooperative counts with its own members plus, for a union inside a
        confederation, the members of its own member cooperatives among ``companies``.
        Monetary figures are in each cooperative's currency: the federation's sum and median
        are converted to the federation's currency at the rate of the period's last day.
        """
        members = self._coup_dashboard_members(companies)
        by_id = {company.id: company for company in companies}
        rate_date = self._coup_dashboard_rate_date()

        def descendants(company_id, seen=()):
            result = [company_id]
            for child_id in members[company_id]:
                if child_id not in seen:
                    result += descendants(child_id, (*seen, company_id))
            return result

        federations = []
        for company in companies:
            child_ids = members[company.id]
            if not child_ids:
                continue
            branches = {child_id: descendants(child_id, (company.id,)) for child_id in child_ids}
            sums, medians, converted, missing_rates = {}, {}, {}, {}
            for figure in figures:
                values = figure["values"]
                if figure.get("monetary"):
                    values, missing = self._coup_dashboard_convert(
                        values, by_id, company, rate_date)
                    missing_rates[figure["key"]] = missing
                if figure["rollup"]:
                    rolled = [self._coup_dashboard_sum(values[cid] for cid in branches[child_id])
                              for child_id in child_ids]
                    sums[figure["key"]] = self._coup_dashboard_sum(rolled)
                    if figure.get("monetary"):
                        # each member's amount in the federation's currency, to compare it
                        converted[figure["key"]] = dict(zip(child_ids, rolled))
                else:  # a rate: each cooperative's own figure, no total
                    rolled = [values[child_id] for child_id in child_ids]
                    sums[figure["key"]] = False
                # an amount without a rate has no place among the others: no median at all
                medians[figure["key"]] = None if None in rolled else statistics.median(rolled)
            federations.append({
                "id": company.id,
                "name": company.name,
                "currency_id": company.currency_id.id,
                "company_ids": child_ids,
                "all_company_ids": [cid for child_id in child_ids for cid in branches[child_id]],
                "branches": branches,
                "sum": sums,
                "median": medians,
                "converted": converted,
                "missing_rates": missing_rates,
            })
        return federations

    def _coup_dashboard_rate_date(self):
        """The period's rate: the rate of its last day that has come (today)."""
        today = self._coup_dashboard_today()
        return min(self._coup_dashboard_period(today)[1], today)

    @staticmethod
    def _coup_dashboard_sum(values):
        """Sum of amounts, ``None`` when one of them could not be converted."""
        values = list(values)
        return None if None in values else sum(values)

    def _coup_dashboard_convert(self, values, companies_by_id, target_company, date):
        """``values`` ({company_id: amount in the company's currency}) in the currency of
        ``target_company``, with its rates at ``date`` (Odoo's ``res.currency._convert``).

        Odoo converts at 1:1 a currency that has no rate at all; here a currency other than the
        target company's that has no rate on or before ``date`` is *missing*: its amounts are
        ``None`` and its name is returned, so the dashboard says which rate to enter.

        :return: ``({company_id: amount or None}, [names of the currencies without a rate]``)
        """
        target = target_company.currency_id
        sources = self.env["res.currency"].browse(
            {companies_by_id[cid].currency_id.id for cid in values})
        rated = {currency for currency, in self.env["res.currency.rate"].sudo()._read_group(
            [("currency_id", "in", (sources | target).ids), ("name", "<=", date),
             ("company_id", "in", (False, target_company.root_id.id))],
            ["currency_id"])}
        unrated = (sources | target).filtered(
            lambda currency: currency not in rated and currency != target)
        converted, rates = {}, {}
        for company_id, amount in values.items():
            source = companies_by_id[company_id].currency_id
            if not amount or source == target:
                converted[company_id] = amount or 0
            elif source in unrated or target in unrated:
                converted[company_id] = None
            else:
                # res.currency._convert's own rate and rounding, fetched once per currency
                if source not in rates:
                    rates[source] = source._get_conversion_rate(
                        source, target, target_company, date)
                converted[company_id] = target.round(amount * rates[source])
        missing = {currency.name for company_id, amount in values.items() if amount
                   for currency in companies_by_id[company_id].currency_id | target
                   if currency in unrated}
        return converted, sorted(missing)
