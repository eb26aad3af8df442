from odoo import _, api, models
from odoo.exceptions import UserError


class CoupSmsInbound(models.Model):
    """Replies such as "OUI 4821", "si 4821" or "NON 4821" answer an invitation."""

    _inherit = "coup.sms.inbound"

    def _coup_claim_reply(self):
        answer, code = self._coup_parse_answer()
        if not answer:
            return super()._coup_claim_reply()
        Invitation = self.env["event.registration"].sudo()
        domain = [("partner_id", "=", self.partner_id.id), ("coup_membership_id", "!=", False),
                  ("company_id", "in", (self.company_id
                                        | self.company_id._coup_member_companies_on()).ids)]
        if code is not None:
            invitations = Invitation.search(domain + [("event_id.coup_reply_code", "=", str(code))])
        else:
            # no code: the member's only invitation still open to answers
            invitations = Invitation.search(domain + [("coup_state", "in", ("invited", "waiting"))])
            invitations = invitations if len(invitations) == 1 else Invitation
        partner = self.partner_id.with_context(lang=self.partner_id.lang or "en_US")
        if not invitations:
            if code is None and not self.env["event.registration"].sudo().search_count(
                    domain + [("coup_state", "in", ("invited", "waiting"))]):
                return super()._coup_claim_reply()  # not about an invitation
            text = self.with_context(lang=partner.env.lang)._coup_unknown_code_text(code)
            self._coup_reply_sms(text)
            self.write({"claimed_by": "coup_activities_sms", "state": "claimed",
                        "result": _("No invitation with the code %s", code or "-")})
            return True
        # answered in the member's language, so that a refusal says why in words they read
        invitation = invitations[:1].with_context(lang=partner.env.lang)
        try:
            invitation._coup_answer(answer == "yes", "sms")
            text = invitation._coup_sms_answer_text()
            result = _("Answer recorded: %(state)s", state=invitation.coup_state)
        except UserError as error:
            text = result = str(error)
        self._coup_reply_sms(text)
        self.write({"claimed_by": "coup_activities_sms", "state": "claimed", "result": result})
        return True

    def _coup_unknown_code_text(self, code):
        if code is None:
            return _("You have several invitations: reply YES or NO followed by the code of the "
                     "invitation SMS.")
        return _("The code %(code)s is not one of your invitations. Reply YES or NO followed by "
                 "the code of the invitation SMS.", code=code)

    def _coup_reply_sms(self, text):
        """An SMS back to the sender, through the cooperative's gateway."""
        self.env["sms.sms"].sudo().create({
            "number": self.from_number, "body": text, "partner_id": self.partner_id.id,
            "coup_company_id": self.company_id.id, "state": "outgoing"})

    @api.model
    def _cron_process_received(self, batch_size=200):
        """The SMS back of a batch of replies leave within the minute: Odoo sends a queued SMS
        at its SMS queue's next run, hourly, so a member who answered "OUI" would wait up to
        an hour for the confirmation. The queue is woken once for the batch, in the job's
        transaction, which commits the SMS and the wake-up together."""
        processed = super()._cron_process_received(batch_size=batch_size)
        if processed.filtered(lambda message: message.claimed_by == "coup_activities_sms"):
            self.env.ref("sms.ir_cron_sms_scheduler_action").sudo()._trigger()
        return processed
