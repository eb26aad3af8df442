from odoo import fields, models


class CoupTrainingTheme(models.Model):
    """A theme of the training catalogue (composting, bookkeeping, cooperative law…),
    written in the languages of the cooperatives through Odoo's translations."""

    _name = "coup.training.theme"
    _description = "Training Theme"
    _order = "sequence, name"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", index=True,
        help="Empty: the theme is in the catalogue of every cooperative.")
    active = fields.Boolean(default=True)
