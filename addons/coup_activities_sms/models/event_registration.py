from odoo import _, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    def _coup_sms_answer_text(self):
        """The SMS back to a member who answered their invitation by SMS."""
        self.ensure_one()
        event = self.event_id.sudo()
        if self.coup_state == "accepted":
            return _("Thank you, we expect you at %(activity)s.", activity=event.name)
        if self.coup_state == "waiting":
            return _("%(activity)s is full: you are on the waiting list, we will tell you if a "
                     "place frees up.", activity=event.name)
        return _("Thank you, your answer is recorded: you will not come to %(activity)s.",
                 activity=event.name)
