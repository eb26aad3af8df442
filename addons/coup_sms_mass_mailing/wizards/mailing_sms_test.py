from markupsafe import Markup

from odoo import _, models


class MailingSmsTest(models.TransientModel):
    """The test SMS of a mailing go through the cooperative's gateway, as the mailing will."""

    _inherit = "mailing.sms.test"

    def action_send_sms(self):
        self.ensure_one()
        company = self.env.company
        gateway = self.env["coup.sms.gateway"]._coup_gateways_by_company(company).get(company.id)
        if not gateway:
            return super().action_send_sms()
        numbers = [number.strip() for number in self.numbers.splitlines() if number.strip()]
        body = self.mailing_id.body_plaintext
        record = self.env[self.mailing_id.mailing_model_real].search([], limit=1)
        if record:
            body = self.env["mail.render.mixin"]._render_template(
                body, self.mailing_id.mailing_model_real, record.ids)[record.id]
        sms = self.env["sms.sms"].sudo().create([{
            "body": body, "number": number, "coup_company_id": company.id,
            "coup_gateway_id": gateway.id} for number in numbers])
        sms._send(unlink_sent=False)
        failures = dict(sms._fields["failure_type"]._description_selection(self.env))
        lines = [
            _("Test SMS sent to %(number)s through %(gateway)s",
              number=message.number, gateway=gateway.name)
            if message.state in ("pending", "sent") else
            _("Test SMS could not be sent to %(number)s: %(reason)s", number=message.number,
              reason=failures.get(message.failure_type) or message.coup_error
              or _("An error occurred."))
            for message in sms
        ]
        self.mailing_id._message_log(body=Markup("<ul>%s</ul>") % Markup().join(
            Markup("<li>%s</li>") % line for line in lines))
        return True
