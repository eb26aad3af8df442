from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[("produce_delivered", "Produce Delivered")])

    @api.model
    def _booklet_units(self):
        return dict(super()._booklet_units(), **{"produce_delivered": "kg"})

    @api.model
    def _booklet_queries(self):
        """Deliveries of produce, with the weight paid and the amount, in the cooperative's
        currency."""
        return super()._booklet_queries() + [
            """
            SELECT p.date::date AS date, p.date AS moment, p.partner_id, p.company_id,
                   'produce_delivered' AS kind, p.name, 'coup.purchase' AS res_model,
                   p.id AS res_id, p.amount_total AS amount, p.payable_kg AS quantity
              FROM coup_purchase p
             WHERE p.state = 'confirmed'
            """,
        ]
