from odoo import fields, models


class PosSession(models.Model):
    _inherit = "pos.session"

    def _validate_session(self, balancing_account=False, amount_to_balance=0,
                          bank_payment_method_diffs=None):
        """A practice session closes without stock moves, journal entries or cash
        statement lines: its tickets were for training."""
        if not self.config_id.coup_practice:
            return super()._validate_session(balancing_account, amount_to_balance,
                                             bank_payment_method_diffs)
        self.ensure_one()
        self._check_if_no_draft_orders()
        self.order_ids.filtered(lambda o: o.state == "paid").write({"state": "done"})
        self.write({"state": "closed", "stop_at": fields.Datetime.now()})
        return True

    def _get_message_author(self):
        """``pos_hr`` signs "Opened register" with the cashier's contact; a volunteer member
        often has no e-mail address, which the chatter needs: sign with the session's user."""
        author = super()._get_message_author()
        if author and not author.email and self.employee_id.coup_membership_id:
            return self.user_id.partner_id
        return author
