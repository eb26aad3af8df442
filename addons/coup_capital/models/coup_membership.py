from odoo import fields, models


class CoupMembership(models.Model):
    _inherit = "coup.membership"

    capital_currency_id = fields.Many2one(related="company_id.currency_id",
                                          string="Capital Currency")
    capital_shares = fields.Integer(string="Shares Held", compute="_compute_capital")
    capital_subscribed = fields.Monetary(string="Capital Subscribed",
                                         compute="_compute_capital",
                                         currency_field="capital_currency_id")
    capital_called = fields.Monetary(
        string="Capital Called", compute="_compute_capital",
        currency_field="capital_currency_id",
        help="What is due by today: the capital paid and the instalments past due.")
    capital_paid = fields.Monetary(string="Capital Paid", compute="_compute_capital",
                                   currency_field="capital_currency_id")
    capital_unpaid = fields.Monetary(string="Capital Unpaid", compute="_compute_capital",
                                     currency_field="capital_currency_id")
    share_movement_ids = fields.One2many("coup.share.movement", "membership_id",
                                         string="Share Register")

    def _compute_capital(self):
        """Read from the register and the schedules in two grouped queries."""
        Movement = self.env["coup.share.movement"].sudo()
        rows = {m.id: (held, nominal, paid) for m, held, nominal, paid in Movement._read_group(
            [("membership_id", "in", self.ids), ("state", "=", "confirmed")],
            ["membership_id"], ["held_change:sum", "amount_change:sum", "paid_amount:sum"])}
        today = fields.Date.context_today(self)
        due = dict(self.env["coup.share.instalment"].sudo()._read_group(
            [("membership_id", "in", self.ids), ("state", "=", "due"),
             ("due_date", "<=", today)], ["membership_id"], ["amount:sum"]))
        for membership in self:
            held, nominal, paid = rows.get(membership.id, (0, 0.0, 0.0))
            membership.capital_shares = held
            membership.capital_subscribed = nominal
            membership.capital_paid = paid
            membership.capital_unpaid = nominal - paid
            membership.capital_called = paid + due.get(membership, 0.0)

    def _coup_capital_paid(self, share_class=None):
        """The capital this member has paid (on one class), from the register."""
        self.ensure_one()
        domain = [("membership_id", "=", self.id), ("state", "=", "confirmed")]
        if share_class:
            domain.append(("share_class_id", "=", share_class.id))
        [(paid,)] = self.env["coup.share.movement"].sudo()._read_group(
            domain, [], ["paid_amount:sum"])
        return paid or 0.0

    def action_coup_issue_certificate(self):
        """Issue the members' certificates and print them."""
        certificates = self.env["coup.share.certificate"]._coup_issue(self)
        return self.env.ref("coup_capital.action_report_share_certificate").report_action(
            certificates)
