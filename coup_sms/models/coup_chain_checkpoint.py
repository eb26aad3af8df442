from odoo import models


class CoupChainCheckpoint(models.Model):
    """Witnesses without email get the day's checkpoint by SMS, through the cooperative's
    gateway: a board member in a village keeps it on their phone."""

    _inherit = "coup.chain.checkpoint"

    def _coup_send_to_witnesses(self, witnesses):
        super()._coup_send_to_witnesses(witnesses)
        by_sms = witnesses.filtered(lambda p: not p.email and (p.mobile or p.phone))
        if by_sms:
            self.env["sms.sms"].sudo().create([{
                "number": partner.phone_sanitized or partner.mobile or partner.phone,
                "partner_id": partner.id, "body": self.text,
                "coup_company_id": self.company_id.id, "state": "outgoing"}
                for partner in by_sms])
