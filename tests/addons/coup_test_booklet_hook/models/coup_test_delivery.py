from odoo import fields, models


class CoupTestDelivery(models.Model):
    """A produce delivery by a member, as a feature module would record it."""

    _name = "coup.test.delivery"
    _description = "Test Delivery"
    _order = "date, id"

    name = fields.Char(required=True, default="Delivery")
    partner_id = fields.Many2one("res.partner", string="Member", required=True, index=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 default=lambda self: self.env.company)
    date = fields.Date(required=True, default=fields.Date.context_today)
    quantity = fields.Float()
