from odoo import _, models


class CoupDashboard(models.AbstractModel):
    _inherit = "coup.dashboard"

    def _coup_dashboard_figures(self, companies):
        """Capital subscribed and paid, in each cooperative's currency (the dashboard
        converts the federation's roll-up)."""
        figures = super()._coup_dashboard_figures(companies)
        Movement = self.env["coup.share.movement"]
        if not Movement.has_access("read"):
            return figures
        domain = [("state", "=", "confirmed")]
        rows = Movement._read_group(domain + [("company_id", "in", companies.ids)],
                                    ["company_id"], ["amount_change:sum", "paid_amount:sum"])
        subscribed = {company.id: amount for company, amount, __ in rows}
        paid = {company.id: amount for company, __, amount in rows}
        common = {"res_model": "coup.share.movement", "company_field": "company_id",
                  "action": "coup_capital.coup_share_movement_action", "monetary": True,
                  "domain": domain}
        return figures + [
            dict(common, key="capital_subscribed", label=_("Capital Subscribed"),
                 icon="fa-pie-chart", values=subscribed, sequence=600,
                 help=_("The nominal value of the shares members hold.")),
            dict(common, key="capital_paid", label=_("Capital Paid"), icon="fa-money",
                 values=paid, sequence=610,
                 help=_("What members have paid on the shares they hold.")),
        ]
