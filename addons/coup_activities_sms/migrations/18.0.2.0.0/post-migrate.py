"""Reminders go through Odoo's event schedulers (18.0.2.0.0): the bridge's own cron goes, and
the upcoming activities get the SMS reminder scheduler."""
from odoo import SUPERUSER_ID, api, fields


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("coup_activities_sms.ir_cron_coup_activity_sms_reminders",
                   raise_if_not_found=False)
    if cron:
        cron.unlink()
    env["event.event"].search([("coup_kind", "!=", False),
                               ("date_begin", ">", fields.Datetime.now())]) \
        ._coup_add_sms_reminder()
