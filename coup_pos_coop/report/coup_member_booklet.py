from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[("shop_purchase", "Shop Purchase")])

    @api.model
    def _booklet_queries(self):
        """What the member bought at the cooperative's shop."""
        return super()._booklet_queries() + [
            """
            SELECT o.date_order::date AS date, o.date_order AS moment, o.partner_id,
                   o.company_id, 'shop_purchase' AS kind, o.pos_reference AS name,
                   'pos.order' AS res_model, o.id AS res_id, o.amount_total AS amount,
                   0.0 AS quantity
              FROM pos_order o
             WHERE o.state IN ('paid', 'done', 'invoiced') AND o.partner_id IS NOT NULL
               AND o.coup_practice IS NOT TRUE
            """,
        ]
