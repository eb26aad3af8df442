from odoo import _, api, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    """The bill or invoice of a confirmed trade record follows it: it lives in a hash-locked
    journal, and here, whoever asks, it is never reset to draft, cancelled or deleted. A
    mistake is corrected by reversing the record, which refunds the bill."""

    _inherit = "account.move"

    def _coup_trade_records(self):
        if not self.ids:
            return []
        records = []
        for model, field in (("coup.purchase", "bill_id"), ("coup.sale", "invoice_id")):
            records += self.env[model].sudo().search([(field, "in", self.ids),
                                                      ("state", "=", "confirmed")], limit=1)
        return records

    def _coup_check_trade_move(self):
        records = self._coup_trade_records()
        if records:
            raise UserError(_(
                "This entry is the bill or invoice of %(record)s, a confirmed record of the "
                "cooperative: it cannot be reset to draft, cancelled or deleted. Reverse the "
                "record instead (a credit note follows).", record=records[0].display_name))

    def button_draft(self):
        self._coup_check_trade_move()
        return super().button_draft()

    def button_cancel(self):
        self._coup_check_trade_move()
        return super().button_cancel()

    def write(self, vals):
        if vals.get("state") in ("draft", "cancel") or "line_ids" in vals \
                or "invoice_line_ids" in vals:
            self.filtered(lambda m: m.state == "posted")._coup_check_trade_move()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coup_trade(self):
        self._coup_check_trade_move()

    def _coup_reconciled_with(self, other):
        """Whether this entry's payable or receivable lines are reconciled with ``other``'s."""
        self.ensure_one()
        lines = self.sudo().line_ids.filtered(
            lambda l: l.account_id.account_type in ("liability_payable", "asset_receivable"))
        counterparts = (lines.matched_debit_ids.debit_move_id
                        | lines.matched_credit_ids.credit_move_id).move_id
        return bool(counterparts & other)
