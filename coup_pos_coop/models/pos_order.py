from odoo import models


class PosOrder(models.Model):
    """A ticket made offline may be sent again when the network comes back (the till cannot
    know the first sending arrived). Odoo finds an order already synced by its ``uuid``, but
    nothing in the database forbids two: this constraint makes "recorded once" hold even when
    two sendings cross."""

    _inherit = "pos.order"

    _sql_constraints = [
        ("coup_uuid_uniq", "unique(uuid)", "This ticket was already recorded."),
    ]
