from odoo import api, models


class IrRule(models.Model):
    """``coup_company_ids`` in record rules: the active companies and, for the federations
    among them, their current member cooperatives that the user may work in.

    A federation manager who selects the federation sees its cooperatives' members,
    as Odoo shows a company's branches; a cooperative's staff never see a sister
    cooperative's data. The federations are read from a cache cleared when one changes.
    """

    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        context = super()._eval_context()
        context["coup_company_ids"] = self.env.companies._coup_with_member_companies().ids
        return context
