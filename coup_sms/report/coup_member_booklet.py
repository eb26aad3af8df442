from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    """SMS in the member booklet: the campaign messages sent to the member, and their replies."""

    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[("sms_received", "SMS Received"),
                                           ("sms_reply", "SMS Reply")])

    @api.model
    def _booklet_queries(self):
        return super()._booklet_queries() + [
            """
            SELECT cm.sent_date::date AS date, cm.sent_date AS moment, cm.partner_id, cm.company_id,
                   'sms_received' AS kind, c.name AS name,
                   'coup.sms.campaign.message' AS res_model, cm.id AS res_id,
                   0.0 AS amount, cm.segments::float AS quantity
              FROM coup_sms_campaign_message cm
              JOIN coup_sms_campaign c ON c.id = cm.campaign_id
             WHERE cm.state IN ('sent', 'delivered') AND cm.sent_date IS NOT NULL
            """,
            """
            SELECT i.received_date::date AS date, i.received_date AS moment, i.partner_id,
                   i.company_id,
                   'sms_reply' AS kind, left(i.body, 160) AS name,
                   'coup.sms.inbound' AS res_model, i.id AS res_id,
                   0.0 AS amount, 0.0 AS quantity
              FROM coup_sms_inbound i
             WHERE i.partner_id IS NOT NULL
            """,
        ]
