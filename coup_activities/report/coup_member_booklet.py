from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[
        ("activity_invited", "Invited"), ("activity_answered", "Accepted"),
        ("activity_declined", "Declined"),
        ("activity_attended", "Attended"), ("document_received", "Document Received")])

    @api.model
    def _booklet_queries(self):
        """Invitations to activities, answers and attendance, in the member's booklet."""
        return super()._booklet_queries() + [
            """
            SELECT i.create_date::date AS date, i.create_date AS moment, i.partner_id,
                   i.member_company_id AS company_id, 'activity_invited' AS kind,
                   e.name->>'en_US' AS name, 'coup.activity.invitation' AS res_model,
                   i.id AS res_id, 0.0 AS amount, 0.0 AS quantity
              FROM coup_activity_invitation i JOIN event_event e ON e.id = i.event_id
            """,
            """
            SELECT i.answer_date::date AS date, i.answer_date AS moment, i.partner_id,
                   i.member_company_id AS company_id,
                   CASE WHEN i.state = 'declined' THEN 'activity_declined'
                        ELSE 'activity_answered' END AS kind,
                   e.name->>'en_US' AS name,
                   'coup.activity.invitation' AS res_model, i.id AS res_id, 0.0 AS amount,
                   0.0 AS quantity
              FROM coup_activity_invitation i JOIN event_event e ON e.id = i.event_id
             WHERE i.answer_date IS NOT NULL
            """,
            """
            SELECT e.date_begin::date AS date, e.date_begin AS moment, i.partner_id,
                   i.member_company_id AS company_id, 'activity_attended' AS kind,
                   e.name->>'en_US' AS name, 'coup.activity.invitation' AS res_model,
                   i.id AS res_id, 0.0 AS amount, 0.0 AS quantity
              FROM coup_activity_invitation i JOIN event_event e ON e.id = i.event_id
             WHERE i.state = 'attended'
            """,
            """
            SELECT s.create_date::date AS date, s.create_date AS moment, s.partner_id,
                   d.company_id, 'document_received' AS kind, d.name,
                   'coup.activity.document' AS res_model, d.id AS res_id, 0.0 AS amount,
                   0.0 AS quantity
              FROM coup_activity_document_share s
              JOIN coup_activity_document d ON d.id = s.document_id
            """,
        ]
