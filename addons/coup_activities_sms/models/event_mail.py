from odoo import models


class EventMail(models.Model):
    """Odoo's event schedulers send the activities' SMS reminders (``event_sms``), through the
    cooperative's gateway (``coup_sms`` routes the SMS of a registration by its company)."""

    _inherit = "event.mail"

    def _send_sms(self, registrations):
        # a member who answered STOP to the cooperative gets no more SMS from it: Odoo's phone
        # blacklist does not know the register's consent
        refused = registrations.filtered(
            lambda r: r.coup_membership_id and not r.partner_id.sms_consent)
        return super()._send_sms(registrations - refused)
