"""Each invitation becomes a registration of its member to the activity, with its answer.

invited → unconfirmed (``draft``), waiting → unconfirmed on the waiting list, accepted →
``open``, attended → ``done``, declined → ``cancel``, absent → ``open`` marked absent. The
registrations are created unconfirmed (no seat check, no scheduler sends anything for what
already happened), then given their state and dates in SQL; the invitations' messages and
followers move to them. Signed links sent before the update name the old invitation, and no
longer answer.
"""
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import table_exists

_logger = logging.getLogger(__name__)

STATES = {"invited": "draft", "waiting": "draft", "accepted": "open", "attended": "done",
          "declined": "cancel", "absent": "open"}


def migrate(cr, version):
    if not table_exists(cr, "coup_activity_invitation_legacy"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True,
                                             "mail_create_nosubscribe": True})
    cr.execute(SQL("""
        SELECT i.id, i.event_id, i.membership_id, m.partner_id, i.state, i.answer_date,
               i.answer_channel, i.create_date, i.create_uid
          FROM coup_activity_invitation_legacy i
          JOIN coup_membership m ON m.id = i.membership_id
          JOIN event_event e ON e.id = i.event_id
          LEFT JOIN event_registration r
                 ON r.event_id = i.event_id AND r.coup_membership_id = i.membership_id
         WHERE r.id IS NULL
         ORDER BY i.id"""))
    rows = cr.dictfetchall()
    Registration = env["event.registration"]
    registrations = Registration.create([{
        "event_id": row["event_id"], "coup_membership_id": row["membership_id"],
        "partner_id": row["partner_id"], "state": "draft",
        "coup_waiting": row["state"] == "waiting", "coup_absent": row["state"] == "absent",
        "coup_answer_date": row["answer_date"], "coup_answer_channel": row["answer_channel"],
    } for row in rows])
    env.flush_all()
    if rows:
        mapping = [(row["id"], registration.id, STATES.get(row["state"], "draft"),
                    row["create_date"], row["create_uid"])
                   for row, registration in zip(rows, registrations)]
        values = SQL(", ").join(SQL("(%s, %s, %s, %s::timestamp, %s)", *m) for m in mapping)
        cr.execute(SQL("""
            CREATE TEMPORARY TABLE coup_invitation_move (old_id int, new_id int,
                                                         state varchar, created timestamp,
                                                         creator int) ON COMMIT DROP;
            INSERT INTO coup_invitation_move VALUES %s;
            UPDATE event_registration r
               SET state = mv.state, create_date = mv.created, create_uid = mv.creator,
                   date_closed = CASE WHEN mv.state = 'done' THEN e.date_begin END
              FROM coup_invitation_move mv, event_event e
             WHERE r.id = mv.new_id AND e.id = r.event_id;
            UPDATE mail_message msg SET model = 'event.registration', res_id = mv.new_id
              FROM coup_invitation_move mv
             WHERE msg.model = 'coup.activity.invitation' AND msg.res_id = mv.old_id;
            DELETE FROM mail_followers f USING coup_invitation_move mv
             WHERE f.res_model = 'coup.activity.invitation' AND f.res_id = mv.old_id
               AND EXISTS (SELECT 1 FROM mail_followers o
                            WHERE o.res_model = 'event.registration' AND o.res_id = mv.new_id
                              AND o.partner_id = f.partner_id);
            UPDATE mail_followers f SET res_model = 'event.registration', res_id = mv.new_id
              FROM coup_invitation_move mv
             WHERE f.res_model = 'coup.activity.invitation' AND f.res_id = mv.old_id;
        """, values))
        registrations.invalidate_recordset()
        registrations.modified(["state"])
        env.flush_all()
    cr.execute(SQL("DROP TABLE coup_activity_invitation_legacy"))
    _logger.info("coup_activities: %s invitations moved to event registrations", len(rows))
