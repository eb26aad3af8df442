from odoo import _, models

DONE = ("paid", "done", "invoiced")
REAL = [("coup_practice", "=", False)]


class CoupDashboard(models.AbstractModel):
    _inherit = "coup.dashboard"

    def _coup_dashboard_figures(self, companies):
        """The shop's sales in the period, to members and to non-members."""
        figures = super()._coup_dashboard_figures(companies)
        Order = self._coup_dashboard_model("pos.order")
        if Order is None:
            return figures
        span = self._coup_dashboard_range()
        period = REAL + [("state", "in", DONE), ("date_order", ">=", span["datetime_from"]),
                         ("date_order", "<", span["datetime_to"])]
        member = [("partner_id.coup_membership_ids", "any", [
            ("company_id", "in", companies.ids), ("state", "=", "active")])]
        members = dict(Order._read_group(period + member + [("company_id", "in", companies.ids)],
                                         ["company_id"], ["amount_total:sum"]))
        everyone = dict(Order._read_group(period + [("company_id", "in", companies.ids)],
                                          ["company_id"], ["amount_total:sum"]))
        common = {"res_model": "pos.order", "company_field": "company_id", "monetary": True,
                  "action": "point_of_sale.action_pos_pos_form"}
        figures += [
            dict(common, key="shop_sales_members", label=_("Shop Sales to Members"),
                 icon="fa-shopping-basket", values={c.id: v for c, v in members.items()},
                 domain=period + member, sequence=600),
            dict(common, key="shop_sales_non_members", label=_("Shop Sales to Non-Members"),
                 icon="fa-shopping-cart",
                 values={c.id: v - members.get(c, 0.0) for c, v in everyone.items()},
                 domain=period + ["!"] + member, sequence=610),
        ]
        return figures
