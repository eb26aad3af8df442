from odoo import models


class CoupTradeRecordLine(models.AbstractModel):
    """The lines of a trade record: as indelible as the record once it is confirmed."""

    _name = "coup.trade.record.line"
    _inherit = ["coup.indelible.record.line"]
    _description = "Indelible Trade Record Line"
