from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    """The member booklet shows each line of the member's share register (the registry's
    booklet hook)."""

    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[
        ("share_subscribed", "Shares Subscribed"), ("share_paid", "Shares Paid"),
        ("share_transfer_in", "Shares Received"), ("share_transfer_out", "Shares Transferred"),
        ("share_redeemed", "Shares Redeemed")])

    @api.model
    def _booklet_queries(self):
        return super()._booklet_queries() + [
            """
            SELECT s.date AS date, s.confirm_date AS moment, s.partner_id, s.company_id,
                   'share_' || s.kind AS kind,
                   s.name AS name, 'coup.share.movement' AS res_model, s.id AS res_id,
                   CASE WHEN s.kind = 'paid' THEN s.paid_amount ELSE s.amount END AS amount,
                   s.quantity::float AS quantity
              FROM coup_share_movement s
             WHERE s.state = 'confirmed'
            """,
        ]
