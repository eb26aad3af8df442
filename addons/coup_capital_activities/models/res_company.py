from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_distribution_resolution_required = fields.Boolean(
        string="Distributions Need a Resolution",
        help="A surplus distribution is approved only under the general assembly's adopted "
             "resolution: the assembly decides how the surplus is allocated (AUSCOOP art. "
             "101-104, Ley 79 de 1988 art. 54, the statutes under the CSA's livre 6).")
    coup_redemption_resolution_required = fields.Boolean(
        string="Redemptions Need a Resolution",
        help="When the statutes leave redemptions to the general assembly rather than the "
             "board.")
