from odoo import models


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _generate_template_attachments(self, res_ids, render_fields, render_results=None):
        """No report rendered per registration of a cooperative activity's scheduler (see
        ``event.mail._send_mail``): the ticket is rendered on download."""
        if self.env.context.get("coup_ticket_on_download") and \
                self.model == "event.registration":
            render_fields = [name for name in render_fields if name != "report_template_ids"]
        return super()._generate_template_attachments(res_ids, render_fields,
                                                      render_results=render_results)
