from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoupShareSubscription(models.Model):
    """A member subscribes shares of a class: entered by staff, or requested in the portal and
    approved by staff. Confirmed, the shares get the cooperative's next numbers in the share
    register, the subscribed capital is booked (capital / members' unpaid capital) and the
    member pays it at once or along a schedule of instalments."""

    _name = "coup.share.subscription"
    _description = "Share Subscription"
    _inherit = ["mail.thread", "coup.capital.approval.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _coup_pending_states = ("draft", "requested")
    _coup_done_state = "confirmed"
    _coup_decision_fields = frozenset({"number_from", "number_to", "move_id"})

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, index=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Contact")
    share_class_id = fields.Many2one(
        "coup.share.class", string="Share Class", required=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    quantity = fields.Integer(string="Shares", required=True, default=1)
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Subscribed")
    date = fields.Date(required=True, default=fields.Date.context_today)
    instalment_count = fields.Integer(
        string="Number of Instalments", default=1,
        help="1: paid at once. More: the amount is split in equal instalments, rounded to the "
             "currency, the last one taking the remainder.")
    instalment_months = fields.Integer(string="Months Between Instalments", default=3)
    origin = fields.Selection([("staff", "Staff"), ("portal", "Portal Request"),
                               ("import", "Import")], default="staff", required=True,
                              readonly=True)
    state = fields.Selection([("requested", "Requested"), ("draft", "Draft"),
                              ("confirmed", "Confirmed"), ("refused", "Refused")],
                             default="draft", required=True, readonly=True, tracking=True,
                             copy=False)
    instalment_ids = fields.One2many("coup.share.instalment", "subscription_id",
                                     string="Instalments", readonly=True)
    movement_ids = fields.One2many("coup.share.movement", "subscription_id",
                                   string="Register", readonly=True)
    number_from = fields.Integer(string="First Share Number", readonly=True, copy=False)
    number_to = fields.Integer(string="Last Share Number", readonly=True, copy=False)
    move_id = fields.Many2one("account.move", string="Subscription Entry", readonly=True,
                              copy=False)
    import_paid = fields.Monetary(
        string="Paid Before the Import", readonly=True, copy=False,
        help="Imported from the cooperative's former register: what the member had paid.")
    import_due_date = fields.Date(string="Rest Due On", readonly=True, copy=False,
                                  help="Imported: when what was not paid yet falls due.")
    former_numbers = fields.Char(
        string="Former Share Numbers", readonly=True, copy=False,
        help="The shares' numbers in the former register (the register numbers them anew, "
             "gap-free, in the order of their dates).")
    paid_amount = fields.Monetary(compute="_compute_paid", string="Paid")
    residual = fields.Monetary(compute="_compute_paid", string="Unpaid")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A subscription is of one share at least."),
    ]

    @api.depends("membership_id", "quantity", "share_class_id")
    def _compute_name(self):
        for subscription in self:
            subscription.name = _("%(qty)s × %(cls)s, %(member)s",
                                  qty=subscription.quantity,
                                  cls=subscription.share_class_id.name or "",
                                  member=subscription.membership_id.display_name or "")

    @api.depends("quantity", "share_class_id.nominal_value")
    def _compute_amount(self):
        for subscription in self:
            subscription.amount = subscription.quantity * subscription.share_class_id.nominal_value

    @api.depends("instalment_ids.state", "instalment_ids.amount")
    def _compute_paid(self):
        for subscription in self:
            paid = sum(i.amount for i in subscription.instalment_ids if i.state == "paid")
            subscription.paid_amount = paid
            subscription.residual = subscription.amount - paid if \
                subscription.state == "confirmed" else 0.0

    @api.onchange("share_class_id")
    def _onchange_share_class_id(self):
        if self.share_class_id:
            self.instalment_count = self.share_class_id.instalment_count
            self.instalment_months = self.share_class_id.instalment_months

    # ------------------------------------------------------------------ checks

    def _coup_check(self):
        """The statutes' bounds, against what each member already holds (set-based)."""
        held = self.env["coup.share.movement"]._coup_held(self.membership_id)
        pending = {}
        for subscription in self:
            member, share_class = subscription.membership_id, subscription.share_class_id
            if member.company_id != subscription.company_id or \
                    share_class.company_id != subscription.company_id:
                raise ValidationError(_(
                    "%(member)s and the class %(cls)s must belong to %(coop)s.",
                    member=member.display_name, cls=share_class.name,
                    coop=subscription.company_id.name))
            if member.state not in ("candidate", "active"):
                raise ValidationError(_(
                    "%(member)s is not a member or an applicant (%(state)s): they cannot "
                    "subscribe shares.", member=member.display_name,
                    state=dict(member._fields["state"]._description_selection(self.env)).get(
                        member.state)))
            if member.membership_type == "affiliated" and not share_class.allow_affiliated:
                raise ValidationError(_(
                    "%(cls)s: affiliated members may not hold these shares (%(member)s).",
                    cls=share_class.name, member=member.display_name))
            if subscription.instalment_count < 1:
                raise ValidationError(_("%(sub)s: at least one instalment.",
                                        sub=subscription.name))
            key = (member.id, share_class.id)
            class_held = self.env["coup.share.movement"]._coup_held(member, share_class) \
                if key not in pending else {member.id: pending[key]}
            total = class_held.get(member.id, 0) + subscription.quantity
            pending[key] = total
            low, high = share_class._coup_bounds(member)
            if high and total > high:
                raise ValidationError(_(
                    "%(member)s would hold %(total)s shares of %(cls)s: the statutes allow "
                    "%(high)s at most.", member=member.display_name, total=total,
                    cls=share_class.name, high=high))
            if total < low:
                raise ValidationError(_(
                    "%(member)s would hold %(total)s shares of %(cls)s: the statutes ask for "
                    "%(low)s at least.", member=member.display_name, total=total,
                    cls=share_class.name, low=low))
        return held

    # ------------------------------------------------------------------ confirmation

    def _coup_schedule(self):
        """The instalments: equal parts rounded to the currency (a franc CFA has no cents),
        the last one taking the remainder, so they always add up to the amount."""
        self.ensure_one()
        currency = self.currency_id
        if self.origin == "import":
            # an imported subscription: what was paid, then the rest when it falls due
            parts = [(self.import_paid, self.date)] if self.import_paid else []
            rest = currency.round(self.amount - self.import_paid)
            if not currency.is_zero(rest):
                parts.append((rest, self.import_due_date or self.date))
            return [{"subscription_id": self.id, "sequence": index + 1, "amount": amount,
                     "due_date": due} for index, (amount, due) in enumerate(parts)]
        count = self.instalment_count
        part = currency.round(self.amount / count)
        values = []
        for index in range(count):
            amount = part if index < count - 1 else currency.round(self.amount - part * (count - 1))
            values.append({
                "subscription_id": self.id, "sequence": index + 1, "amount": amount,
                "due_date": self.date + relativedelta(months=self.instalment_months * index)})
        return values

    def action_confirm(self):
        """Number the shares, write them in the register, book the subscription and make the
        payment schedule."""
        return self._coup_confirm()

    def _coup_confirm(self, book=True):
        """``book``: False for a register imported when its capital is in the opening balance
        already (the import's choice, never a context key)."""
        self.check_access("write")
        if not self.env.user.has_group("coup_member_registry.group_coup_user"):
            raise UserError(_("Only the cooperative's staff confirm subscriptions."))
        self._coup_check_pending()
        subscriptions = self.sorted("id")
        subscriptions._coup_check()
        Movement = self.env["coup.share.movement"]
        vals_list, schedule = [], []
        for company in subscriptions.company_id:
            of_company = subscriptions.filtered(lambda s: s.company_id == company)
            first, __ = Movement._coup_next_share_numbers(company,
                                                          sum(of_company.mapped("quantity")))
            for subscription in of_company:
                last = first + subscription.quantity - 1
                vals_list.append({
                    "company_id": company.id, "membership_id": subscription.membership_id.id,
                    "share_class_id": subscription.share_class_id.id, "kind": "subscribed",
                    "date": subscription.date, "quantity": subscription.quantity,
                    "amount": subscription.amount, "number_from": first, "number_to": last,
                    "subscription_id": subscription.id})
                subscription._coup_decide("confirmed", {"number_from": first, "number_to": last})
                first = last + 1
        Movement._coup_record(vals_list)
        for subscription in subscriptions:
            schedule += subscription._coup_schedule()
        self.env["coup.share.instalment"].sudo().create(schedule)
        if book:
            subscriptions._coup_book()
        return True

    def _coup_book(self):
        """The subscription entries (created together): the members owe the capital they
        subscribed."""
        values, analytic = [], {}
        for subscription in self:
            company = subscription.company_id
            capital, receivable, __ = company._coup_capital_accounts()
            if company not in analytic:
                analytic[company] = (company._coup_capital_analytic(receivable),
                                     company._coup_capital_analytic(capital))
            label = _("Shares %(first)s-%(last)s (%(cls)s)", first=subscription.number_from,
                      last=subscription.number_to, cls=subscription.share_class_id.name)
            values.append({
                "move_type": "entry", "journal_id": company._coup_capital_journal().id,
                "company_id": company.id, "date": subscription.date, "ref": label,
                "line_ids": [
                    fields.Command.create({
                        "account_id": receivable.id, "partner_id": subscription.partner_id.id,
                        "name": label, "debit": subscription.amount,
                        **analytic[company][0]}),
                    fields.Command.create({
                        "account_id": capital.id, "partner_id": subscription.partner_id.id,
                        "name": label, "credit": subscription.amount, **analytic[company][1]}),
                ]})
        # journal entries, no invoices: no dynamic lines (taxes, terms) to sync, as Odoo
        # creates its own reversal entries (their balance is still checked)
        moves = self.env["account.move"].sudo().with_context(skip_invoice_sync=True).create(
            values)
        moves.action_post()
        for subscription, move in zip(self, moves):
            subscription.write({"move_id": move.id})
            subscription.movement_ids.filtered(lambda m: m.kind == "subscribed" and
                                               not m.move_id)._coup_system().write(
                {"move_id": move.id})
