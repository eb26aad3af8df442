from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoupSurplusDistribution(models.Model):
    """A year's surplus shared out: first the reserves and funds the law or the statutes
    take (lines in %), then a capped interest on the capital paid, then the patronage return
    to each member in proportion to what they traded with the cooperative. Draft, review (the
    per-member table, exportable), approval by the general assembly, then the entries: owed
    to each member, or converted into shares."""

    _name = "coup.surplus.distribution"
    _description = "Surplus Distribution"
    _inherit = ["mail.thread"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, default=lambda self: self.env._("Surplus distribution"))
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Year From", required=True)
    date_to = fields.Date(string="Year To", required=True)
    surplus = fields.Monetary(string="Surplus to Distribute", required=True, tracking=True)
    fund_line_ids = fields.One2many("coup.surplus.fund", "distribution_id",
                                    string="Reserves and Funds", copy=True)
    fund_percent = fields.Float(compute="_compute_totals", string="Reserves and Funds (%)")
    fund_amount = fields.Monetary(compute="_compute_totals", string="Taken for Reserves and Funds")
    interest_rate = fields.Float(
        string="Interest on Paid Capital (%)",
        help="Paid on the capital paid at the end of the year; never above the statutes' cap.")
    interest_cap = fields.Float(
        string="Interest Cap (%)", default=6.0,
        help="The statutes' or the law's cap (Ley 79 de 1988 art. 54: the members' "
             "contributions are revalued, not paid interest beyond the statutes; Belgian "
             "CSA and the Conseil National de la Coopération's approval: 6 %).")
    patronage_basis = fields.Selection(
        [("capital", "Capital Paid")], string="Patronage Return In Proportion To",
        default="capital", required=True,
        help="What the patronage return is shared by; the marketplace adds deliveries by "
             "value or by weight.")
    settlement = fields.Selection(
        [("payable", "Owed to Each Member"), ("shares", "Converted into Shares")],
        default="payable", required=True)
    share_class_id = fields.Many2one(
        "coup.share.class", string="Shares Issued In", check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="Converted into shares: whole shares of this class, the rest owed.")
    state = fields.Selection([("draft", "Draft"), ("review", "Review"),
                              ("approved", "Approved"), ("posted", "Posted")],
                             default="draft", required=True, readonly=True, tracking=True,
                             copy=False)
    resolution = fields.Char(string="Resolution Reference", tracking=True)
    member_line_ids = fields.One2many("coup.surplus.member", "distribution_id",
                                      string="Members", readonly=True)
    interest_amount = fields.Monetary(compute="_compute_totals", string="Interest")
    patronage_amount = fields.Monetary(compute="_compute_totals", string="Patronage Return")
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, copy=False)

    @api.depends("fund_line_ids.percent", "fund_line_ids.amount", "member_line_ids.interest",
                 "member_line_ids.patronage")
    def _compute_totals(self):
        for run in self:
            run.fund_percent = sum(run.fund_line_ids.mapped("percent"))
            run.fund_amount = sum(run.fund_line_ids.mapped("amount"))
            run.interest_amount = sum(run.member_line_ids.mapped("interest"))
            run.patronage_amount = sum(run.member_line_ids.mapped("patronage"))

    @api.constrains("fund_line_ids", "interest_rate", "interest_cap", "surplus", "date_from",
                    "date_to")
    def _check_run(self):
        for run in self:
            total = sum(run.fund_line_ids.mapped("percent"))
            if total > 100:
                raise ValidationError(self.env._(
                    "%(run)s: the reserves and funds take %(total)s %% of the surplus: no more "
                    "than 100 %%.", run=run.name, total=round(total, 4)))
            bad = run.fund_line_ids.filtered(lambda l: l.percent < 0)
            if bad:
                raise ValidationError(self.env._("%(line)s: a percentage is not negative (%(pct)s).",
                                        line=bad[0].name, pct=bad[0].percent))
            if run.interest_rate < 0 or run.interest_rate > run.interest_cap:
                raise ValidationError(self.env._(
                    "%(run)s: the interest on capital (%(rate)s %%) must be between 0 and the "
                    "statutes' cap (%(cap)s %%).", run=run.name, rate=run.interest_rate,
                    cap=run.interest_cap))
            if run.surplus < 0:
                raise ValidationError(self.env._("%(run)s: a surplus to distribute is not negative.",
                                        run=run.name))
            if run.date_from > run.date_to:
                raise ValidationError(self.env._("%(run)s: the year ends before it starts.",
                                        run=run.name))

    def write(self, vals):
        if set(vals) - {"state", "resolution", "move_id", "message_follower_ids"} and \
                self.filtered(lambda r: r.state in ("approved", "posted")):
            raise UserError(self.env._("An approved distribution cannot be changed."))
        return super().write(vals)

    # ------------------------------------------------------------------ bases

    def _coup_patronage_basis(self):
        """``{membership id: basis}`` over the year, for the ``patronage_basis``; bridges
        add theirs (deliveries by value or weight) with ``super()``."""
        self.ensure_one()
        if self.patronage_basis == "capital":
            return self._coup_paid_capital()
        return {}

    def _coup_paid_capital(self):
        """The capital each member had paid at the end of the year (one grouped read)."""
        self.ensure_one()
        return {m.id: paid for m, paid in self.env["coup.share.movement"].sudo()._read_group(
            [("company_id", "=", self.company_id.id), ("state", "=", "confirmed"),
             ("date", "<=", self.date_to)], ["membership_id"], ["paid_amount:sum"]) if paid}

    @api.model
    def _coup_split(self, total, weights, currency):
        """``total`` split in proportion to ``weights`` ({key: weight}) in the currency's
        units, the rounding remainder given to the largest fractions, so that the parts add
        up to the total exactly (a franc CFA is not cut)."""
        weight_sum = sum(weights.values())
        if not weight_sum or not total:
            return {key: 0.0 for key in weights}
        unit = currency.rounding
        units = int(round(total / unit))
        exact = {key: units * weight / weight_sum for key, weight in weights.items()}
        parts = {key: int(value) for key, value in exact.items()}
        rest = units - sum(parts.values())
        for key in sorted(exact, key=lambda k: (parts[k] - exact[k], k))[:rest]:
            parts[key] += 1
        return {key: currency.round(value * unit) for key, value in parts.items()}

    # ------------------------------------------------------------------ steps

    def action_compute(self):
        """Fill the review table: one line per member, set-based."""
        self.check_access("write")
        for run in self:
            if run.state not in ("draft", "review"):
                raise UserError(self.env._("Only a draft distribution is computed again."))
            currency = run.currency_id
            for line in run.fund_line_ids:
                line.amount = currency.round(run.surplus * line.percent / 100)
            left = currency.round(run.surplus - sum(run.fund_line_ids.mapped("amount")))
            paid = run._coup_paid_capital()
            interest = {key: currency.round(value * run.interest_rate / 100)
                        for key, value in paid.items()}
            if sum(interest.values()) > left:
                # never more interest than what is left: shared in proportion instead
                interest = self._coup_split(left, paid, currency)
            pool = currency.round(left - sum(interest.values()))
            basis = {k: v for k, v in run._coup_patronage_basis().items() if v > 0}
            patronage = self._coup_split(pool, basis, currency)
            members = set(interest) | set(patronage)
            run.member_line_ids.unlink()
            self.env["coup.surplus.member"].create([{
                "distribution_id": run.id, "membership_id": member,
                "capital_paid": paid.get(member, 0.0), "interest": interest.get(member, 0.0),
                "basis": basis.get(member, 0.0), "patronage": patronage.get(member, 0.0),
            } for member in sorted(members)])
            run.state = "review"
        return True

    def action_approve(self):
        self.check_access("write")
        if not self.env.user.has_group("coup_member_registry.group_coup_manager"):
            raise UserError(self.env._("Only a manager records the general assembly's approval."))
        if self.filtered(lambda r: r.state != "review"):
            raise UserError(self.env._("Compute and review the distribution before it is approved."))
        for run in self:
            if run.settlement == "shares" and not run.share_class_id:
                raise UserError(self.env._("%(run)s: choose the class of the shares the returns are "
                                  "converted into.", run=run.name))
            missing = run.fund_line_ids.filtered(lambda l: l.amount and not l.account_id)
            if missing:
                raise UserError(self.env._("%(line)s: choose the account of this reserve or fund.",
                                  line=missing[0].name))
        self.write({"state": "approved"})
        return True

    def action_post(self):
        """One entry: the surplus to its reserves and funds and to what is owed to each
        member; converted into shares, the shares are subscribed and paid with it."""
        self.check_access("write")
        if not self.env.user.has_group("coup_member_registry.group_coup_manager"):
            raise UserError(self.env._("Only a manager posts the distribution."))
        if self.filtered(lambda r: r.state != "approved"):
            raise UserError(self.env._("Only an approved distribution is posted."))
        for run in self:
            company = run.company_id
            __, __, payable = company._coup_capital_accounts()
            surplus_account = company._coup_surplus_account()
            label = run.name
            lines = [fields.Command.create({"account_id": surplus_account.id, "name": label,
                                            "debit": run.surplus})]
            lines += [fields.Command.create({"account_id": fund.account_id.id,
                                             "name": "%s: %s" % (label, fund.name),
                                             "credit": fund.amount})
                      for fund in run.fund_line_ids if fund.amount]
            owed = run.member_line_ids.filtered(lambda l: l.total)
            analytic = company._coup_capital_analytic(payable)
            lines += [fields.Command.create({
                "account_id": payable.id, "partner_id": line.partner_id.id,
                "name": self.env._("%(run)s: return to %(member)s", run=label,
                          member=line.membership_id.display_name),
                "credit": line.total, **analytic}) for line in owed]
            rest = run.currency_id.round(run.surplus - run.fund_amount - sum(owed.mapped("total")))
            if rest:
                lines.append(fields.Command.create({
                    "account_id": surplus_account.id, "name": self.env._("%s: not distributed", label),
                    "credit": rest}))
            # a journal entry, no invoice: no dynamic lines (taxes, terms) to sync, as Odoo
            # creates its own reversal entries (its balance is still checked)
            move = self.env["account.move"].sudo().with_company(company).with_context(
                skip_invoice_sync=True).create({
                    "move_type": "entry", "journal_id": company._coup_capital_journal().id,
                    "date": run.date_to, "ref": label, "line_ids": lines})
            move.action_post()
            run.write({"state": "posted", "move_id": move.id})
            if run.settlement == "shares":
                run._coup_convert_into_shares(owed, payable)
        return True

    def _coup_convert_into_shares(self, lines, payable):
        """Whole shares of the class for each member's return, within the statutes' maximum,
        subscribed and paid from what they are owed; the rest stays owed."""
        share_class = self.share_class_id
        held = self.env["coup.share.movement"]._coup_held(lines.membership_id, share_class)
        values, by_member = [], {}
        for line in lines:
            count = int(line.total // share_class.nominal_value)
            __, high = share_class._coup_bounds(line.membership_id)
            if high:
                count = min(count, max(0, high - held.get(line.membership_id.id, 0)))
            if count and line.membership_id.state in ("active", "candidate"):
                values.append({
                    "company_id": self.company_id.id, "membership_id": line.membership_id.id,
                    "share_class_id": share_class.id, "quantity": count,
                    "date": self.date_to, "instalment_count": 1})
                by_member[line.membership_id.id] = line
        if not values:
            return
        subscriptions = self.env["coup.share.subscription"].create(values)
        subscriptions.action_confirm()
        subscriptions.instalment_ids._coup_pay(payable, self.company_id._coup_capital_journal(),
                                               self.date_to)
        for subscription in subscriptions:
            by_member[subscription.membership_id.id].shares_issued = subscription.quantity

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "target": "self",
                "url": "/coup/capital/distribution/%s.xlsx" % self.id}

    def _coup_review_xlsx(self):
        import io

        import openpyxl

        self.ensure_one()
        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet(self.env._("Review"))
        sheet.append([self.env._("Member Number"), self.env._("Member"), self.env._("Capital Paid"),
                      self.env._("Interest"), self.env._("Patronage Basis"),
                      self.env._("Patronage Return"), self.env._("Total"), self.env._("Currency")])
        for line in self.member_line_ids:
            sheet.append([line.membership_id.member_number, line.partner_id.name,
                          line.capital_paid, line.interest, line.basis, line.patronage,
                          line.total, self.currency_id.name])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
