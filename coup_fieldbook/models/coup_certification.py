from odoo import fields, models


class CoupCertification(models.Model):
    """A certification scheme a parcel is under (organic, Fairtrade, Rainforest Alliance…):
    one catalogue shared by all cooperatives, since buyers name the same schemes."""

    _name = "coup.certification"
    _description = "Certification"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code printed on lists and exports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
