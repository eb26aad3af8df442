from odoo import api, fields, models


class CoupSurplusMember(models.Model):
    """One member's line of a distribution: their basis and what they get."""

    _name = "coup.surplus.member"
    _description = "Surplus Distribution Line"
    _order = "distribution_id, membership_id"

    distribution_id = fields.Many2one("coup.surplus.distribution", required=True,
                                      ondelete="cascade", index=True)
    company_id = fields.Many2one(related="distribution_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="distribution_id.currency_id")
    membership_id = fields.Many2one("coup.membership", string="Member", required=True,
                                    index=True, ondelete="restrict")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Contact")
    capital_paid = fields.Monetary()
    interest = fields.Monetary()
    basis = fields.Float(string="Patronage Basis", digits=(16, 2))
    patronage = fields.Monetary(string="Patronage Return")
    total = fields.Monetary(compute="_compute_total", store=True)
    shares_issued = fields.Integer(readonly=True)

    @api.depends("interest", "patronage")
    def _compute_total(self):
        for line in self:
            line.total = line.interest + line.patronage
