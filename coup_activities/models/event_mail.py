from odoo import models


class EventMail(models.Model):
    _inherit = "event.mail"

    def _send_mail(self, registrations):
        """A cooperative activity's mails go without Odoo's ticket PDF: the scheduler rendered
        one per invitee (wkhtmltopdf, seconds each), and a general assembly has thousands of
        them, holding the cron worker the SMS queue, imports and stock entries need. The mail
        keeps Odoo's own download link (``/event/<id>/my_tickets``), which renders the ticket
        when the member opens it.

        Nor is a mail rendered for a member without an email address, most members of a
        rural cooperative: Odoo rendered it, then cancelled it for want of a recipient (the
        season's load run: 1,792 mails for an assembly of 2,595, four minutes of the only cron
        worker). They hear of the activity by SMS; the scheduler counts them as done."""
        if self.event_id.coup_kind:
            self = self.with_context(coup_ticket_on_download=True)  # noqa: PLW0642
            registrations = registrations.filtered("email")
            if not registrations:
                return None
        return super()._send_mail(registrations)
