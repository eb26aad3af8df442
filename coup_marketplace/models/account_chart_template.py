from odoo import models


class AccountChartTemplate(models.AbstractModel):
    """A cooperative that gets its books gets its members' journals with them."""

    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo, force_create=True):
        result = super()._load(template_code, company, install_demo, force_create=force_create)
        for kind in ("purchase", "sale"):
            if self.env["account.journal"].sudo().search_count(
                    [("company_id", "=", company.id), ("type", "=", kind)], limit=1):
                company._coup_trade_journal(kind)
        return result
