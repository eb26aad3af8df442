import json
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import Command, _, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

REGISTRY_FIGURES = ["members", "active", "men", "women", "youth", "principal", "affiliated",
                    "joins", "exits"]


def _member(env, name, company, gender=False, age=None, birthday_in_days=10,
            membership_type="principal", principal=None, state="active", join_date=None,
            exit_date=None, active=True):
    """A membership of a new person; ``age`` is their age today, their next birthday being
    ``birthday_in_days`` days away (0: it is today)."""
    today = fields.Date.context_today(env["coup.membership"])
    birth_date = False
    if age is not None:
        birth_date = today - relativedelta(years=age + 1) + relativedelta(days=birthday_in_days)
        if birthday_in_days == 0:
            birth_date = today - relativedelta(years=age)
    partner = env["res.partner"].create({"name": name, "gender": gender, "birth_date": birth_date})
    vals = {
        "partner_id": partner.id,
        "company_id": company.id,
        "membership_type": membership_type,
        "principal_membership_id": principal.id if principal else False,
        "state": state,
        "join_date": join_date or today,
        "active": active,
    }
    if exit_date:
        vals["exit_date"] = exit_date
    return env["coup.membership"].create(vals)


def _join(federation, *cooperatives, date_start="2020-01-01"):
    """The cooperatives join the federation (a federation membership each)."""
    return federation.env["coup.federation.membership"].create([
        {"federation_id": federation.id, "company_id": coop.id, "date_start": date_start}
        for coop in cooperatives])


@tagged("post_install", "-at_install")
class TestCoupDashboard(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.Dashboard = cls.env["coup.dashboard"]
        cls.today = today = fields.Date.context_today(cls.Dashboard)
        Company = cls.env["res.company"]
        cls.federation = Company.create({"name": "Federation of Test Coops",
                                         "coup_is_federation": True})
        cls.coop_a = Company.create({
            "name": "Test Coop A", "coup_youth_age_min": 18, "coup_youth_age_max": 30,
        })
        cls.coop_b = Company.create({"name": "Test Coop B"})
        _join(cls.federation, cls.coop_a, cls.coop_b)
        cls.companies = cls.federation | cls.coop_a | cls.coop_b
        env, a, b = cls.env, cls.coop_a, cls.coop_b
        months_ago = lambda n: today - relativedelta(months=n)  # noqa: E731

        # Coop A, youth from 18 to 30
        cls.a1 = _member(env, "A1 man 25", a, "male", 25, join_date=months_ago(24))
        cls.a2 = _member(env, "A2 woman 33", a, "female", 33, join_date=months_ago(3))
        cls.a3 = _member(env, "A3 girl 17", a, "female", 17, membership_type="affiliated",
                         principal=cls.a1)
        cls.a4 = _member(env, "A4 man 40 resigned", a, "male", 40, state="resigned",
                         join_date=months_ago(60))
        cls.a5 = _member(env, "A5 woman 20 candidate", a, "female", 20, state="candidate")
        cls.a6 = _member(env, "A6 archived", a, "male", 25, active=False)
        cls.a7 = _member(env, "A7 turns 31 today", a, "other", 31, birthday_in_days=0,
                         join_date=months_ago(24))
        cls.a8 = _member(env, "A8 turns 31 tomorrow", a, "other", 30, birthday_in_days=1,
                         join_date=months_ago(24))
        # Coop B, youth from 15 to 35 (the default)
        cls.b1 = _member(env, "B1 woman 33", b, "female", 33, join_date=months_ago(1))
        cls.b2 = _member(env, "B2 man no birth date", b, "male", state="suspended",
                         join_date=months_ago(120))
        cls.b3 = _member(env, "B3 girl 16", b, "female", 16, membership_type="affiliated",
                         principal=cls.b1, state="candidate", join_date=months_ago(2))
        # a member of the federation itself: not part of its cooperatives' roll-up
        cls.f1 = _member(env, "F1 federation member", cls.federation, "male", 50,
                         join_date=months_ago(24))

        cls.expected = {
            cls.coop_a: {"members": 6, "active": 5, "men": 1, "women": 3, "youth": 3,
                         "principal": 5, "affiliated": 1, "joins": 3, "exits": 1},
            cls.coop_b: {"members": 3, "active": 1, "men": 1, "women": 2, "youth": 2,
                         "principal": 2, "affiliated": 1, "joins": 2, "exits": 0},
        }

    def _data(self, env=None, **kwargs):
        env = env or self.env
        return env["coup.dashboard"].with_context(
            allowed_company_ids=self.companies.ids).get_dashboard_data(**kwargs)

    def _figures(self, data):
        return {figure["key"]: figure for figure in data["figures"]}

    def test_values_per_cooperative(self):
        data = self._data()
        figures = self._figures(data)
        # the registry's own figures, in order (other installed modules may add theirs)
        self.assertEqual(
            [f["key"] for f in data["figures"] if f["key"] in REGISTRY_FIGURES],
            REGISTRY_FIGURES)
        for company, expected in self.expected.items():
            got = {key: figures[key]["values"][company.id] for key in expected}
            self.assertEqual(got, expected, company.name)
        self.assertEqual(figures["members"]["values"][self.federation.id], 1)
        self.assertEqual(figures["members"]["total"], 10)
        self.assertEqual(figures["members"]["label"], _("Members"))
        self.assertEqual(figures["women"]["share_of"], "members")
        self.assertEqual(
            {c["id"]: c["parent_id"] for c in data["companies"]},
            {self.federation.id: False, self.coop_a.id: self.federation.id,
             self.coop_b.id: self.federation.id})

    def test_youth_band(self):
        """Youth follows each cooperative's own band, and moves with it."""
        figures = self._figures(self._data())
        self.assertEqual(figures["youth"]["values"][self.coop_a.id], 3)  # a1, a5, a8
        self.coop_a.write({"coup_youth_age_min": 15, "coup_youth_age_max": 35})
        figures = self._figures(self._data())
        # a1 25, a2 33, a3 17, a5 20, a7 31, a8 30
        self.assertEqual(figures["youth"]["values"][self.coop_a.id], 6)
        self.coop_b.write({"coup_youth_age_min": 17, "coup_youth_age_max": 32})
        figures = self._figures(self._data())
        self.assertEqual(figures["youth"]["values"][self.coop_b.id], 0)  # b1 33, b3 16

    def test_federation_rollup(self):
        data = self._data()
        self.assertEqual(len(data["federations"]), 1)
        federation = data["federations"][0]
        self.assertEqual(federation["id"], self.federation.id)
        self.assertEqual(sorted(federation["company_ids"]), sorted([self.coop_a.id, self.coop_b.id]))
        # the federation's own member is not one of its cooperatives' members
        self.assertEqual(federation["sum"]["members"], 9)
        self.assertEqual(federation["median"]["members"], 4.5)
        self.assertEqual(federation["median"]["women"], 2.5)
        self.assertEqual(federation["median"]["men"], 1)
        self.assertEqual(federation["median"]["exits"], 0.5)
        self.assertEqual(federation["sum"]["joins"], 5)

        # a third cooperative: the median is the middle one
        coop_c = self.env["res.company"].create({"name": "Test Coop C"})
        _join(self.federation, coop_c)
        for index in range(4):
            _member(self.env, f"C{index}", coop_c, "female", 40)
        data = self.env["coup.dashboard"].with_context(
            allowed_company_ids=(self.companies | coop_c).ids).get_dashboard_data()
        federation = data["federations"][0]
        self.assertEqual(federation["median"]["members"], 4)  # 3, 4, 6
        self.assertEqual(federation["median"]["women"], 3)  # 2, 3, 4
        self.assertEqual(federation["sum"]["members"], 13)

    def test_company_selection(self):
        data = self._data(company_ids=[self.coop_b.id])
        self.assertEqual([c["id"] for c in data["companies"]], [self.coop_b.id])
        self.assertEqual(data["federations"], [])
        figures = self._figures(data)
        self.assertEqual(figures["members"]["values"], {self.coop_b.id: 3})

    def test_months(self):
        data = self._data()
        months = data["months"]
        self.assertEqual(len(months), 12)
        self.assertEqual(months[-1]["key"], self.today.strftime("%Y-%m"))
        a, b = self.coop_a.id, self.coop_b.id
        self.assertEqual(months[-1]["joins"][a], 2)  # a3, a5 (a6 is archived)
        self.assertEqual(months[-1]["exits"][a], 1)  # a4
        self.assertEqual(months[-2]["joins"][b], 1)  # b1
        self.assertEqual(months[-3]["joins"][b], 1)  # b3
        self.assertEqual(months[-4]["joins"][a], 1)  # a2
        figures = self._figures(data)
        for key in ("joins", "exits"):
            for company in (self.coop_a, self.coop_b):
                self.assertEqual(sum(m[key][company.id] for m in months),
                                 figures[key]["values"][company.id])
        # the month's domain, as the client builds it, finds the same memberships
        month = months[-1]
        found = self.env["coup.membership"].search([
            ("join_date", ">=", month["date_from"]), ("join_date", "<=", month["date_to"]),
            ("company_id", "in", [a]),
        ])
        self.assertEqual(found, self.a3 | self.a5)

    def test_domains_find_the_counted_memberships(self):
        """A click opens the figure's domain within the row's companies: exactly the
        memberships counted."""
        Membership = self.env["coup.membership"]
        figures = self._figures(self._data())
        for key in REGISTRY_FIGURES:
            figure = figures[key]
            self.assertEqual(figure["res_model"], "coup.membership")
            self.assertEqual(figure["action"], "coup_member_registry.coup_membership_action")
            for company in self.companies:
                domain = figure["domain"] + [(figure["company_field"], "in", [company.id])]
                self.assertEqual(Membership.search_count(domain), figure["values"][company.id],
                                 f"{figure['key']} of {company.name}")
        a = [("company_id", "in", [self.coop_a.id])]
        search = lambda key: Membership.search(figures[key]["domain"] + a)  # noqa: E731
        self.assertEqual(search("men"), self.a1)
        self.assertEqual(search("women"), self.a2 | self.a3 | self.a5)
        self.assertEqual(search("youth"), self.a1 | self.a5 | self.a8)
        self.assertEqual(search("affiliated"), self.a3)
        self.assertEqual(search("exits"), self.a4)
        # the federation total opens its cooperatives' memberships
        federation = self._data()["federations"][0]
        domain = figures["women"]["domain"] + [("company_id", "in", federation["all_company_ids"])]
        self.assertEqual(Membership.search(domain), self.a2 | self.a3 | self.a5 | self.b1 | self.b3)

    def test_queries_do_not_grow_with_cooperatives(self):
        """A fixed number of queries, whatever the number of cooperatives: none in a loop."""
        more = self.env["res.company"].create([
            {"name": f"Test Coop {index}"} for index in range(4)])
        _join(self.federation, *more)
        for company in more:
            _member(self.env, f"Member of {company.name}", company, "female", 20)
        counts = []
        dashboard = self.env["coup.dashboard"].with_context(
            allowed_company_ids=(self.companies | more).ids)
        for companies in (self.companies, self.companies | more):
            dashboard.get_dashboard_data(companies.ids)  # warm the registry's caches
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            data = dashboard.get_dashboard_data(companies.ids)
            counts.append(self.env.cr.sql_log_count - start)
            self.assertEqual(len(data["companies"]), len(companies))
        self.assertTrue(counts[0])
        self.assertEqual(counts[0], counts[1])

    def test_json(self):
        """The client receives it through JSON-RPC."""
        data = self._data()
        figures = json.loads(json.dumps(data))["figures"]
        self.assertIn("members", [figure["key"] for figure in figures])

    def test_access_own_cooperative_only(self):
        user_a = new_test_user(
            self.env, login="coop_a_clerk", groups="coup_member_registry.group_coup_user",
            company_id=self.coop_a.id, company_ids=[Command.set(self.coop_a.ids)])
        dashboard = self.env["coup.dashboard"].with_user(user_a)
        for data in (dashboard.get_dashboard_data(),
                     dashboard.get_dashboard_data(company_ids=self.companies.ids)):
            self.assertEqual([c["id"] for c in data["companies"]], [self.coop_a.id])
            for figure in data["figures"]:
                self.assertEqual(list(figure["values"]), [self.coop_a.id])
            self.assertEqual(data["federations"], [])
            for month in data["months"]:
                self.assertEqual(list(month["joins"]), [self.coop_a.id])
        self.assertEqual(self._figures(data)["members"]["values"][self.coop_a.id], 6)
        with self.assertRaises(AccessError):
            dashboard.with_context(allowed_company_ids=[self.coop_b.id]).get_dashboard_data()
        # and the list a figure opens does not show coop B's members either
        figure = self._figures(data)["members"]
        memberships = self.env["coup.membership"].with_user(user_a).search(
            figure["domain"] + [("company_id", "in", self.companies.ids)])
        self.assertEqual(memberships.company_id, self.coop_a)

    def test_access_federation_manager(self):
        """A federation manager sees the member cooperatives of their federation."""
        manager = new_test_user(
            self.env, login="federation_boss",
            groups="coup_member_registry.group_coup_federation_manager",
            company_id=self.federation.id, company_ids=[Command.set(self.federation.ids)])
        data = self.env["coup.dashboard"].with_user(manager).get_dashboard_data()
        self.assertEqual({c["id"] for c in data["companies"]}, set(self.companies.ids))
        self.assertEqual(data["federations"][0]["sum"]["members"], 9)
        figure = self._figures(data)["women"]
        found = self.env["coup.membership"].with_user(manager).search(
            figure["domain"] + [("company_id", "in", [self.coop_b.id])])
        self.assertEqual(found, self.b1 | self.b3)

    def test_access_rights(self):
        employee = new_test_user(self.env, login="no_coop_rights", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["coup.dashboard"].with_user(employee).get_dashboard_data()

    def test_hook_adds_figures(self):
        """A feature module adds its figures by extending _coup_dashboard_figures."""
        segment = self.env["coup.member.segment"].create({
            "name": "Women of B", "company_id": self.coop_b.id, "gender": "female"})
        Dashboard = type(self.env["coup.dashboard"])
        base_figures = Dashboard._coup_dashboard_figures

        def _coup_dashboard_figures(dashboard, companies):
            figures = base_figures(dashboard, companies)
            counts = dict(dashboard.env["coup.member.segment"]._read_group(
                [("company_id", "in", companies.ids)], ["company_id"], ["__count"]))
            figures.append({
                "key": "segments",
                "label": "Segments",
                "values": {company.id: count for company, count in counts.items()},
                "res_model": "coup.member.segment",
                "domain": [],
                "sequence": 5,
            })
            return figures

        with patch.object(Dashboard, "_coup_dashboard_figures", _coup_dashboard_figures):
            data = self._data()
        figures = self._figures(data)
        self.assertEqual(data["figures"][0]["key"], "segments", "ordered by sequence")
        segments = figures["segments"]
        self.assertEqual(segments["values"],
                         {self.federation.id: 0, self.coop_a.id: 0, self.coop_b.id: 1})
        self.assertEqual(segments["company_field"], "company_id")
        self.assertFalse(segments["action"])
        self.assertEqual(data["federations"][0]["sum"]["segments"], 1)
        self.assertEqual(data["federations"][0]["median"]["segments"], 0.5)
        self.assertEqual(self.env["coup.member.segment"].search(
            segments["domain"] + [(segments["company_field"], "in", [self.coop_b.id])]), segment)
        self.assertEqual(figures["members"]["values"][self.coop_a.id], 6)
        self.assertNotIn("segments", self._figures(self._data()))

    def test_cooperative_that_left_drops_out_of_new_rollups(self):
        """A cooperative that leaves the federation is no longer counted in its roll-up, and
        its federation's managers no longer see it; it keeps its own figures."""
        link = self.env["coup.federation.membership"].search(
            [("federation_id", "=", self.federation.id), ("company_id", "=", self.coop_b.id)])
        link.date_end = self.today
        data = self._data()
        federation = data["federations"][0]
        self.assertEqual(federation["company_ids"], [self.coop_a.id])
        self.assertEqual(federation["sum"]["members"], 6)
        self.assertEqual(self._figures(data)["members"]["values"][self.coop_b.id], 3)
        manager = new_test_user(
            self.env, login="federation_after_exit",
            groups="coup_member_registry.group_coup_federation_manager",
            company_id=self.federation.id, company_ids=[Command.set(self.federation.ids)])
        seen = self.env["coup.dashboard"].with_user(manager).get_dashboard_data()
        self.assertEqual({c["id"] for c in seen["companies"]},
                         {self.federation.id, self.coop_a.id})

    def test_amounts_roll_up_in_the_federation_currency(self):
        """Amounts stay in each cooperative's currency; the federation's total and median are
        converted to its own currency at the period's rate."""
        eur, xof, cop = (self.env.ref("base.%s" % code) for code in ("EUR", "XOF", "COP"))
        (eur | xof | cop).active = True
        Rate = self.env["res.currency.rate"]
        rate_day = self.today.replace(day=1)
        Rate.search([("currency_id", "in", (eur | xof | cop).ids),
                     ("name", ">=", rate_day)]).unlink()
        Rate.create([{"currency_id": currency.id, "name": rate_day, "rate": rate,
                      "company_id": False}
                     for currency, rate in ((eur, 1.0), (xof, 655.957), (cop, 4000.0))])
        Company = self.env["res.company"]
        federation = Company.create({"name": "Euro Federation", "coup_is_federation": True,
                                     "currency_id": eur.id})
        coop_xof = Company.create({"name": "CFA Coop", "currency_id": xof.id})
        coop_cop = Company.create({"name": "Peso Coop", "currency_id": cop.id})
        coop_cop2 = Company.create({"name": "Peso Coop 2", "currency_id": cop.id})
        _join(federation, coop_xof, coop_cop, coop_cop2)
        companies = federation | coop_xof | coop_cop | coop_cop2
        amounts = {coop_xof.id: 655957.0, coop_cop.id: 8000000.0, coop_cop2.id: 2000000.0}
        Dashboard = type(self.env["coup.dashboard"])
        base_figures = Dashboard._coup_dashboard_figures

        def _coup_dashboard_figures(dashboard, companies):
            return base_figures(dashboard, companies) + [{
                "key": "bought", "label": "Bought", "monetary": True,
                "values": {cid: amount for cid, amount in amounts.items()
                           if cid in companies.ids},
                "res_model": "res.company", "company_field": "id", "sequence": 300}]

        with patch.object(Dashboard, "_coup_dashboard_figures", _coup_dashboard_figures):
            data = self.env["coup.dashboard"].with_company(federation).with_context(
                allowed_company_ids=companies.ids).get_dashboard_data()
        figure = self._figures(data)["bought"]
        # each cooperative's own amount, in its own currency
        self.assertEqual(figure["values"][coop_xof.id], 655957.0)
        self.assertEqual({c["id"]: c["currency_id"] for c in data["companies"]}[coop_cop.id],
                         cop.id)
        rollup = data["federations"][0]
        self.assertEqual(rollup["currency_id"], eur.id)
        # 1,000 EUR + 2,000 EUR + 500 EUR
        self.assertAlmostEqual(rollup["sum"]["bought"], 3500.0, places=2)
        self.assertAlmostEqual(rollup["median"]["bought"], 1000.0, places=2)
        self.assertAlmostEqual(rollup["converted"]["bought"][coop_cop.id], 2000.0, places=2)
        # the cards add cooperatives up in the current company's currency
        self.assertEqual(figure["currency_id"], eur.id)
        self.assertAlmostEqual(figure["total"], 3500.0, places=2)
        # counts are not converted
        self.assertEqual(rollup["sum"]["members"], 0)

    def test_missing_rate_is_shown_missing_not_one_to_one(self):
        """A currency without any rate up to the period's date is not added 1:1: the amounts of
        its cooperatives are None, the total and median too, and the figure names it."""
        eur, xof, cop = (self.env.ref("base.%s" % code) for code in ("EUR", "XOF", "COP"))
        (eur | xof | cop).active = True
        Rate = self.env["res.currency.rate"]
        Rate.search([("currency_id", "in", (eur | xof | cop).ids)]).unlink()
        Rate.create([{"currency_id": currency.id, "name": self.today.replace(day=1),
                      "rate": rate, "company_id": False}
                     for currency, rate in ((eur, 1.0), (cop, 4000.0))])
        Company = self.env["res.company"]
        federation = Company.create({"name": "Euro Federation", "coup_is_federation": True,
                                     "currency_id": eur.id})
        coop_xof = Company.create({"name": "CFA Coop", "currency_id": xof.id})
        coop_cop = Company.create({"name": "Peso Coop", "currency_id": cop.id})
        _join(federation, coop_xof, coop_cop)
        companies = federation | coop_xof | coop_cop
        amounts = {coop_xof.id: 350320.0, coop_cop.id: 3124800.0}
        Dashboard = type(self.env["coup.dashboard"])
        base_figures = Dashboard._coup_dashboard_figures

        def _coup_dashboard_figures(dashboard, companies):
            return base_figures(dashboard, companies) + [{
                "key": "paid", "label": "Paid", "monetary": True,
                "values": {cid: amount for cid, amount in amounts.items()
                           if cid in companies.ids},
                "res_model": "res.company", "company_field": "id", "sequence": 300}]

        with patch.object(Dashboard, "_coup_dashboard_figures", _coup_dashboard_figures):
            data = self.env["coup.dashboard"].with_company(federation).with_context(
                allowed_company_ids=companies.ids).get_dashboard_data()
        figure = self._figures(data)["paid"]
        rollup = data["federations"][0]
        self.assertIsNone(figure["converted"][coop_xof.id])
        self.assertAlmostEqual(figure["converted"][coop_cop.id], 781.2, places=2)
        self.assertIsNone(figure["total"])
        self.assertEqual(figure["missing_rates"], ["XOF"])
        self.assertIsNone(rollup["sum"]["paid"])
        self.assertIsNone(rollup["median"]["paid"])
        self.assertEqual(rollup["missing_rates"]["paid"], ["XOF"])
        self.assertAlmostEqual(rollup["converted"]["paid"][coop_cop.id], 781.2, places=2)
        # the cooperative's own amount stays in its own currency, whatever the rates
        self.assertEqual(figure["values"][coop_xof.id], 350320.0)
        # once the rate is entered, the same figures add up
        Rate.create({"currency_id": xof.id, "name": self.today.replace(day=1),
                     "rate": 655.957, "company_id": False})
        with patch.object(Dashboard, "_coup_dashboard_figures", _coup_dashboard_figures):
            data = self.env["coup.dashboard"].with_company(federation).with_context(
                allowed_company_ids=companies.ids).get_dashboard_data()
        rollup = data["federations"][0]
        self.assertAlmostEqual(rollup["sum"]["paid"], 534.06 + 781.2, places=2)
        self.assertEqual(rollup["missing_rates"]["paid"], [])

    def test_range_is_the_users_local_days(self):
        """The period is computed once, on the user's local date, and its datetime bounds are
        the local midnights in UTC."""
        Dashboard = self.env["coup.dashboard"].with_context(
            tz="America/Bogota", coup_dashboard_today="2026-03-31")
        span = Dashboard._coup_dashboard_range()
        self.assertEqual(span["date_from"], "2025-04-01")
        self.assertEqual(span["date_to"], "2026-03-31")
        # midnight in Bogotá (UTC-5) is 05:00 UTC
        self.assertEqual(span["datetime_from"], "2025-04-01 05:00:00")
        self.assertEqual(span["datetime_to"], "2026-04-01 05:00:00")
        bamako = self.env["coup.dashboard"].with_context(
            tz="Africa/Bamako", coup_dashboard_today="2026-03-31")._coup_dashboard_range()
        self.assertEqual(bamako["datetime_to"], "2026-04-01 00:00:00")
        # without the context key: today in the user's time zone
        self.assertEqual(self.env["coup.dashboard"]._coup_dashboard_range()["today"],
                         fields.Date.to_string(fields.Date.context_today(
                             self.env["coup.dashboard"])))


@tagged("post_install", "-at_install")
class TestCoupDashboardTour(HttpCase):

    def test_dashboard_tour(self):
        Company = self.env["res.company"]
        federation = Company.create({"name": "Tour Federation", "coup_is_federation": True})
        coop_a = Company.create({"name": "Tour Coop A"})
        coop_b = Company.create({"name": "Tour Coop B"})
        _join(federation, coop_a, coop_b)
        admin = self.env.ref("base.user_admin")
        admin.write({
            "company_ids": [Command.link(c.id) for c in (federation, coop_a, coop_b)],
            "company_id": federation.id,
        })
        _member(self.env, "Tour Man A3", coop_a, "male", 40)
        _member(self.env, "Tour Woman A1", coop_a, "female", 30)
        _member(self.env, "Tour Woman A2", coop_a, "female", 50)
        _member(self.env, "Tour Man B1", coop_b, "male", 22)
        self.start_tour("/odoo/action-coup_member_registry.coup_dashboard_action",
                        "coup_dashboard_tour", login="admin")

    def test_missing_rate_tour(self):
        """The dashboard in the browser names the currency that lacks a rate."""
        eur, xof = self.env.ref("base.EUR"), self.env.ref("base.XOF")
        (eur | xof).active = True
        self.env["res.currency.rate"].search([("currency_id", "=", xof.id)]).unlink()
        Company = self.env["res.company"]
        federation = Company.create({"name": "Rate Federation", "coup_is_federation": True,
                                     "currency_id": eur.id})
        coop_xof = Company.create({"name": "Rate Coop XOF", "currency_id": xof.id})
        coop_eur = Company.create({"name": "Rate Coop EUR", "currency_id": eur.id})
        _join(federation, coop_xof, coop_eur)
        self.env.ref("base.user_admin").write({
            "company_ids": [Command.link(c.id) for c in (federation, coop_xof, coop_eur)],
            "company_id": federation.id,
        })
        amounts = {coop_xof.id: 1000.0, coop_eur.id: 50.0}
        Dashboard = type(self.env["coup.dashboard"])
        base_figures = Dashboard._coup_dashboard_figures

        def _coup_dashboard_figures(dashboard, companies):
            return base_figures(dashboard, companies) + [{
                "key": "paid", "label": "Paid", "monetary": True,
                "values": {cid: amount for cid, amount in amounts.items()
                           if cid in companies.ids},
                "res_model": "res.company", "company_field": "id", "sequence": 300}]

        with patch.object(Dashboard, "_coup_dashboard_figures", _coup_dashboard_figures):
            self.start_tour("/odoo/action-coup_member_registry.coup_dashboard_action",
                            "coup_dashboard_rate_tour", login="admin")
