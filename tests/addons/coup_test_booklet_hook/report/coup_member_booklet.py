from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[("test_delivery", "Test Delivery")])

    @api.model
    def _booklet_queries(self):
        return super()._booklet_queries() + [
            """
            SELECT d.date AS date, d.create_date AS moment, d.partner_id, d.company_id,
                   'test_delivery' AS kind,
                   d.name AS name, 'coup.test.delivery' AS res_model, d.id AS res_id,
                   0.0 AS amount, d.quantity AS quantity
              FROM coup_test_delivery d
            """,
        ]
