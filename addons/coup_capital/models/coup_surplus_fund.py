from odoo import fields, models


class CoupSurplusFund(models.Model):
    """A reserve or fund taken from the surplus before it is returned to members (Colombia's
    protection reserve, education and solidarity funds; OHADA's legal reserve)."""

    _name = "coup.surplus.fund"
    _description = "Surplus Reserve or Fund"
    _order = "distribution_id, sequence, id"

    distribution_id = fields.Many2one("coup.surplus.distribution", required=True,
                                      ondelete="cascade", index=True)
    company_id = fields.Many2one(related="distribution_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="distribution_id.currency_id")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    percent = fields.Float(string="% of the Surplus", required=True)
    amount = fields.Monetary(readonly=True)
    account_id = fields.Many2one("account.account", string="Account",
                                 domain="[('company_ids', 'in', company_id)]")
