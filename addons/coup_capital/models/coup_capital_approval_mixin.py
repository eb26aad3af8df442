from odoo import fields, models
from odoo.exceptions import UserError


class CoupCapitalApprovalMixin(models.AbstractModel):
    """What a subscription, a transfer and a redemption share: pending until the
    cooperative decides, then who decided and when, frozen once decided (only the fields the
    decision itself writes change), never deleted once it is in the share register, and
    refused by the staff while pending. Each model keeps its own ``state`` selection and
    its own approval (what it writes in the register)."""

    _name = "coup.capital.approval.mixin"
    _description = "Capital Decision"

    # states in which the record waits for a decision, and the state of a decision that is
    # in the share register
    _coup_pending_states = ("draft",)
    _coup_done_state = "approved"
    # fields that the decision itself writes after the record left its pending states
    _coup_decision_fields = frozenset()

    approver_id = fields.Many2one("res.users", string="Decided By", readonly=True, copy=False)
    decision_date = fields.Datetime(string="Decided On", readonly=True, copy=False)

    def _coup_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env)).get(self.state)

    def write(self, vals):
        allowed = {"state", "approver_id", "decision_date", "message_follower_ids"} | \
            self._coup_decision_fields
        if set(vals) - allowed:
            decided = self.filtered(lambda r: r.state not in self._coup_pending_states)
            if decided:
                raise UserError(self.env._(
                    "%(record)s is decided (%(state)s): it cannot be changed.",
                    record=decided[0].display_name, state=decided[0]._coup_state_label()))
        return super().write(vals)

    def unlink(self):
        done = self.filtered(lambda r: r.state == self._coup_done_state)
        if done:
            raise UserError(self.env._("%(record)s stays in the share register.",
                                       record=done[0].display_name))
        return super().unlink()

    def _coup_check_pending(self):
        decided = self.filtered(lambda r: r.state not in self._coup_pending_states)
        if decided:
            raise UserError(self.env._(
                "%(record)s was decided already (%(state)s): only a pending one is approved or "
                "refused.", record=decided[0].display_name,
                state=decided[0]._coup_state_label()))

    def _coup_decide(self, state, vals=None):
        """Record the decision: the new state, who took it and when."""
        return self.write(dict(vals or {}, state=state, approver_id=self.env.uid,
                               decision_date=fields.Datetime.now()))

    def action_refuse(self):
        self.check_access("write")
        self._coup_check_pending()
        self._coup_decide("refused")
        return True
