from odoo import _, models


class CoupDashboard(models.AbstractModel):
    _inherit = "coup.dashboard"

    def _coup_dashboard_figures(self, companies):
        """Produce bought in the period, and what members are owed and were paid for it."""
        figures = super()._coup_dashboard_figures(companies)
        Purchase = self._coup_dashboard_model("coup.purchase")
        if Purchase is None:
            return figures
        span = self._coup_dashboard_range()
        period = [("state", "=", "confirmed"), ("date", ">=", span["datetime_from"]),
                  ("date", "<", span["datetime_to"])]
        rows = Purchase._read_group(period + [("company_id", "in", companies.ids)],
                                    ["company_id", "payment_state"],
                                    ["payable_kg:sum", "amount_total:sum"])
        kg, paid, unpaid = {}, {}, {}
        for company, state, weight, amount in rows:
            kg[company.id] = kg.get(company.id, 0.0) + weight
            target = paid if state in ("paid", "in_payment", "reversed") else unpaid
            target[company.id] = target.get(company.id, 0.0) + amount
        common = {"res_model": "coup.purchase", "company_field": "company_id",
                  "action": "coup_marketplace.coup_purchase_action"}
        figures += [
            dict(common, key="produce_bought_kg", label=_("Produce Bought (kg)"),
                 icon="fa-balance-scale", values={c: round(v) for c, v in kg.items()},
                 domain=period, sequence=500,
                 help=_("Weight paid for the deliveries of the period.")),
            dict(common, key="produce_paid", label=_("Paid to Members"), icon="fa-money",
                 values=paid, monetary=True, sequence=510,
                 domain=period + [("payment_state", "in", ("paid", "in_payment", "reversed"))]),
            dict(common, key="produce_unpaid", label=_("Owed to Members"), icon="fa-hourglass-half",
                 values=unpaid, monetary=True, higher_is_better=False, sequence=520,
                 domain=period + [("payment_state", "not in", ("paid", "in_payment",
                                                               "reversed"))]),
        ]
        return figures
