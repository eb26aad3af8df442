import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class CoupSmsDeliveryReport(models.Model):
    """A delivery report that matched no SMS when it came.

    A gateway may report on a message before our transaction that recorded its id is
    committed, or quote an id we never gave. Such reports are kept here, not dropped: they are
    applied as soon as an SMS with that id is recorded, and stay listed otherwise.
    """

    _name = "coup.sms.delivery.report"
    _description = "Unmatched SMS Delivery Report"
    _order = "id desc"

    gateway_id = fields.Many2one("coup.sms.gateway", required=True, ondelete="cascade",
                                 index=True)
    company_id = fields.Many2one(related="gateway_id.company_id", store=True, index=True)
    provider_message_id = fields.Char(string="Gateway Message Id", index=True)
    reference = fields.Char(string="Our Reference")
    status = fields.Selection([("pending", "Sent"), ("delivered", "Delivered"),
                               ("failed", "Failed")], required=True)
    error = fields.Char()
    raw_status = fields.Char(string="Gateway Status")
    state = fields.Selection([("unmatched", "Unmatched"), ("applied", "Applied")],
                             default="unmatched", required=True, index=True)

    @api.model
    def _coup_apply_pending(self, sms):
        """Apply the waiting reports that quote these (just sent) SMS."""
        ids = [s.coup_provider_message_id for s in sms if s.coup_provider_message_id]
        refs = sms.mapped("uuid")
        reports = self.search([("state", "=", "unmatched"), "|",
                               ("provider_message_id", "in", ids), ("reference", "in", refs)])
        for report in reports:
            target = sms.filtered(lambda s: s.coup_gateway_id == report.gateway_id and (
                (report.provider_message_id
                 and s.coup_provider_message_id == report.provider_message_id)
                or (report.reference and s.uuid == report.reference)))
            if target:
                target._coup_apply_delivery(report.status, report.error, report.raw_status)
                report.state = "applied"
                _logger.info("SMS delivery report %s of gateway message %s applied late",
                             report.id, report.provider_message_id)
