from odoo import api, fields, models


class CoupMemberBooklet(models.Model):
    _inherit = "coup.member.booklet"

    kind = fields.Selection(selection_add=[
        ("activity_invited", "Invited"), ("activity_answered", "Accepted"),
        ("activity_declined", "Declined"),
        ("activity_attended", "Attended"), ("document_received", "Document Received")])

    @api.model
    def _booklet_queries(self):
        """Invitations to activities (the members' event registrations), answers and
        attendance, in the member's booklet; names in the reader's language."""
        event_name = self._booklet_field_sql("event.event", "e", "name")
        return super()._booklet_queries() + [
            """
            SELECT r.create_date::date AS date, r.create_date AS moment, r.partner_id,
                   r.coup_member_company_id AS company_id, 'activity_invited' AS kind,
                   %(event_name)s AS name, 'event.registration' AS res_model,
                   r.id AS res_id, 0.0 AS amount, 0.0 AS quantity
              FROM event_registration r JOIN event_event e ON e.id = r.event_id
             WHERE r.coup_membership_id IS NOT NULL
            """ % {"event_name": event_name},
            """
            SELECT r.coup_answer_date::date AS date, r.coup_answer_date AS moment, r.partner_id,
                   r.coup_member_company_id AS company_id,
                   CASE WHEN r.state = 'cancel' THEN 'activity_declined'
                        ELSE 'activity_answered' END AS kind,
                   %(event_name)s AS name,
                   'event.registration' AS res_model, r.id AS res_id, 0.0 AS amount,
                   0.0 AS quantity
              FROM event_registration r JOIN event_event e ON e.id = r.event_id
             WHERE r.coup_membership_id IS NOT NULL AND r.coup_answer_date IS NOT NULL
            """ % {"event_name": event_name},
            """
            SELECT e.date_begin::date AS date, e.date_begin AS moment, r.partner_id,
                   r.coup_member_company_id AS company_id, 'activity_attended' AS kind,
                   %(event_name)s AS name, 'event.registration' AS res_model,
                   r.id AS res_id, 0.0 AS amount, 0.0 AS quantity
              FROM event_registration r JOIN event_event e ON e.id = r.event_id
             WHERE r.coup_membership_id IS NOT NULL AND r.state = 'done'
            """ % {"event_name": event_name},
            """
            SELECT s.create_date::date AS date, s.create_date AS moment, s.partner_id,
                   d.company_id, 'document_received' AS kind, d.name,
                   'coup.activity.document' AS res_model, d.id AS res_id, 0.0 AS amount,
                   0.0 AS quantity
              FROM coup_activity_document_share s
              JOIN coup_activity_document d ON d.id = s.document_id
            """,
        ]
