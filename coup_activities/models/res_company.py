from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_quorum_share = fields.Float(
        string="General Assembly Quorum (%)", default=50.0,
        help="Share of the cooperative's active principal members who must attend a general "
             "assembly for its decisions to be valid, as the cooperative's by-laws set it.")

    _sql_constraints = [
        ("coup_quorum_share_range", "CHECK(coup_quorum_share >= 0 AND coup_quorum_share <= 100)",
         "The quorum is a share between 0 and 100 %."),
    ]
