from urllib.parse import quote as url_quote

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, float_round

from odoo.addons.coup_member_registry.tools.indelible import canonical_number


class CoupPurchase(models.Model):
    """Produce a member delivers to the cooperative at a collection or drop point: weighed,
    graded, priced from the season's list. Once confirmed it is an indelible record (see
    ``coup.trade.record``); the goods enter stock with a lot of their own and the member's
    vendor bill says whether it is paid, never a hand-set flag."""

    _name = "coup.purchase"
    _description = "Produce Delivery"
    _inherit = ["coup.trade.record", "mail.thread", "portal.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _coup_sequence_prefix = "ACH/"
    _coup_move_field = "bill_id"
    _coup_portal_path = "/my/deliveries/%s"
    # deliveries confirmed together beyond this many enter stock in the background job
    _coup_receive_now_max = 100
    _coup_system_fields = {
        "name", "state", "sequence_number", "confirm_date", "coup_hash", "coup_previous_hash",
        "coup_verify_token", "bill_id", "picking_id", "stock_pending", "reversed_id"}
    _coup_protected_columns = (
        "company_id", "membership_id", "currency_id", "date", "delivery_place_id",
        "collector_id", "price_list_id", "advance_deducted", "amount_gross", "amount_total",
        "net_kg", "payable_kg", "client_ref", "reversed_id")
    # the member's bill and the stock receipt, made after confirmation, once
    _coup_set_once_columns = ("bill_id", "picking_id")

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id", store=True)
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, index=True, ondelete="restrict",
        check_company=True, domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Seller")
    member_number = fields.Char(related="membership_id.member_number")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    delivery_place_id = fields.Many2one(
        "res.partner", string="Collection Point",
        domain="[('type', '=', 'delivery'), ('parent_id', '=', company_partner_id)]",
        help="One of the cooperative's delivery addresses (its drop points).")
    company_partner_id = fields.Many2one(related="company_id.partner_id")
    collector_id = fields.Many2one("res.partner", string="Collector",
                                   help="The collector, delegate or tracker who weighed.")
    price_list_id = fields.Many2one(
        "coup.price.list", string="Season", check_company=True,
        compute="_compute_price_list_id", store=True, readonly=False,
        domain="[('company_id', '=', company_id)]")
    line_ids = fields.One2many("coup.purchase.line", "purchase_id", string="Produce", copy=True)
    net_kg = fields.Float(string="Net (kg)", compute="_compute_amounts", store=True,
                          digits=(16, 2))
    payable_kg = fields.Float(string="Paid Weight (kg)", compute="_compute_amounts",
                              store=True, digits=(16, 2))
    amount_gross = fields.Monetary(string="Produce Value", compute="_compute_amounts",
                                   store=True)
    advance_deducted = fields.Monetary(string="Advance Deducted",
                                       help="Part of an advance given earlier, withheld here.")
    amount_total = fields.Monetary(string="To Pay", compute="_compute_amounts", store=True)
    client_ref = fields.Char(
        string="Client Reference", copy=False, index=True,
        help="Set by the device that recorded the delivery: the same delivery sent twice "
             "(after a lost connection) is recorded once.")
    reversed_id = fields.Many2one("coup.purchase", string="Reverses", readonly=True,
                                  copy=False, index="btree_not_null")
    reversal_ids = fields.One2many("coup.purchase", "reversed_id", string="Reversed By")
    is_reversed = fields.Boolean(compute="_compute_is_reversed", store=True)
    bill_id = fields.Many2one("account.move", string="Vendor Bill", readonly=True, copy=False,
                              ondelete="restrict", index="btree_not_null")
    picking_id = fields.Many2one("stock.picking", string="Receipt", readonly=True, copy=False)
    stock_pending = fields.Boolean(
        string="Stock Entry Pending", readonly=True, copy=False, index="btree_not_null",
        help="Confirmed in a large batch: the produce enters stock in the background job "
             "that runs right after.")
    lot_ids = fields.Many2many("stock.lot", compute="_compute_lot_ids", string="Lots")
    note = fields.Text()

    _sql_constraints = [
        ("client_ref_uniq", "unique(company_id, client_ref)",
         "This delivery was already recorded (same client reference)."),
    ]

    def _coup_guard_sql_extra(self):
        # the background stock entry is pending once, from confirmation, never set again
        return super()._coup_guard_sql_extra() + [
            "(NEW.stock_pending AND NOT COALESCE(OLD.stock_pending, false))"]

    @api.depends("company_id", "date")
    def _compute_price_list_id(self):
        for purchase in self:
            if purchase.state == "draft" and purchase.date and purchase.company_id:
                purchase.price_list_id = self.env["coup.price.list"]._coup_for(
                    purchase.company_id, purchase.date.date())

    @api.depends("line_ids.net_kg", "line_ids.payable_kg", "line_ids.amount",
                 "advance_deducted")
    def _compute_amounts(self):
        for purchase in self:
            purchase.net_kg = sum(purchase.line_ids.mapped("net_kg"))
            purchase.payable_kg = sum(purchase.line_ids.mapped("payable_kg"))
            purchase.amount_gross = sum(purchase.line_ids.mapped("amount"))
            purchase.amount_total = purchase.amount_gross - purchase.advance_deducted

    @api.depends("line_ids.lot_id")
    def _compute_lot_ids(self):
        for purchase in self:
            purchase.lot_ids = purchase.line_ids.lot_id

    @api.depends("bill_id.payment_state", "bill_id.state", "is_reversed",
                 "reversal_ids.bill_id.payment_state", "reversed_id.bill_id.payment_state")
    def _compute_payment_state(self):
        """As the bill says; a delivery and its reversal whose refund was set off against the
        delivery's bill read "Reversed" both."""
        super()._compute_payment_state()
        for purchase in self:
            reversal = purchase.reversal_ids.filtered(lambda r: r.state == "confirmed")[:1]
            refund = reversal.bill_id if reversal else (
                purchase.bill_id if purchase.reversed_id else None)
            original = purchase.bill_id if reversal else purchase.reversed_id.bill_id
            if refund and original and refund.state == "posted" and \
                    refund.payment_state in ("paid", "reversed") and \
                    refund._coup_reconciled_with(original):
                purchase.payment_state = "reversed"

    @api.depends("reversal_ids.state")
    def _compute_is_reversed(self):
        for purchase in self:
            purchase.is_reversed = any(r.state == "confirmed" for r in purchase.reversal_ids)

    def _coup_draft_label(self):
        return _("Draft delivery of %s", self.partner_id.name or "")

    # ------------------------------------------------------------------ recording once

    @api.model
    def coup_record_delivery(self, vals):
        """Record a delivery sent by a device (a till, a phone) exactly once: sent again with
        the same ``client_ref`` (even four times at once), the delivery already recorded is
        returned (the registry's offline protocol, ``coup.capture.ref``)."""
        company_id = vals.get("company_id") or self.env.company.id
        vals = dict(vals, company_id=company_id)
        purchase, __ = self.env["coup.capture.ref"]._coup_record_once(
            self._name, company_id, vals.get("client_ref"), lambda: self.create(vals))
        return purchase

    # ------------------------------------------------------------------ confirmation

    def _coup_check_before_confirm(self):
        for purchase in self:
            if purchase.reversed_id:
                continue
            member = purchase.membership_id
            if member.state != "active":
                raise ValidationError(_(
                    "%(member)s (%(number)s) is not an active member (%(state)s): produce is "
                    "bought from active members only.", member=member.partner_id.name,
                    number=member.member_number,
                    state=dict(member._fields["state"]._description_selection(self.env)).get(
                        member.state)))
            if not purchase.line_ids:
                raise ValidationError(_("The delivery of %(member)s has no produce.",
                                        member=member.partner_id.name))
            if not purchase.price_list_id:
                raise ValidationError(_(
                    "%(coop)s has no season price list on %(date)s.",
                    coop=purchase.company_id.name, date=purchase.date.date()))
            purchase.line_ids._coup_check_quality()
            if purchase.advance_deducted < 0 or purchase.advance_deducted > purchase.amount_gross:
                raise ValidationError(_(
                    "The advance deducted (%(advance)s) must be between 0 and the produce value "
                    "(%(value)s).", advance=purchase.advance_deducted,
                    value=purchase.amount_gross))

    def action_confirm(self):
        """Check, number and seal the deliveries, and bring the produce into stock."""
        self.check_access("write")
        drafts = self.filtered(lambda p: p.state == "draft")
        drafts.line_ids.filtered(lambda l: not l.reversed_line_id)._coup_fill_from_season()
        drafts._coup_check_before_confirm()
        # a large batch, or a till's ticket (context ``coup_stock_later``: the cooperative's
        # numbering lock is then held for the numbers and seals only), enters stock in the
        # background job, which also makes the till's tickets' bills
        later = len(drafts) > self._coup_receive_now_max or \
            bool(self.env.context.get("coup_stock_later"))
        drafts._coup_chain({"stock_pending": True} if later else None)
        drafts._coup_make_lots()
        if later:
            self.env.ref("coup_marketplace.ir_cron_coup_purchase_receive")._trigger()
        else:
            drafts._coup_receive()
        bills_for = drafts.filtered(
            lambda p: p.company_id.coup_purchase_bill_mode == "per_delivery")
        if bills_for and not self.env.context.get("coup_stock_later"):
            bills_for._coup_make_bills()
        return True

    def _coup_receive(self):
        """The produce enters the cooperative's stock, a lot per delivery line (named after the
        delivery), in one receipt per cooperative for the deliveries confirmed together; a
        reversal sends it back out of the same lot. Each delivery is received once."""
        Move = self.env["stock.move"].sudo()
        supplier = self.env.ref("stock.stock_location_suppliers")
        todo = self.filtered(lambda p: p.state == "confirmed" and not p.picking_id)
        for (company, reverse), purchases in todo.grouped(
                lambda p: (p.company_id, bool(p.reversed_id))).items():
            lines = purchases.line_ids.filtered(lambda l: l.product_id.is_storable)
            if not lines:
                purchases.filtered("stock_pending")._coup_system().write(
                    {"stock_pending": False})
                continue
            warehouse = company._coup_trade_warehouse()
            source, dest = supplier, warehouse.lot_stock_id
            picking_type = warehouse.in_type_id
            if reverse:
                source, dest, picking_type = dest, supplier, warehouse.out_type_id
            picking = self.env["stock.picking"].sudo().create({
                "picking_type_id": picking_type.id,
                "partner_id": purchases.partner_id[:1].id if len(purchases) == 1 else False,
                "location_id": source.id, "location_dest_id": dest.id,
                "origin": ", ".join(purchases[:5].mapped("name"))
                + (" …" if len(purchases) > 5 else ""), "company_id": company.id})
            lot_of = {line.id: line.lot_id or line.reversed_line_id.lot_id for line in lines}
            moves = Move.create([{
                "name": line.purchase_id.name, "product_id": line.product_id.id,
                "product_uom_qty": abs(line.payable_kg), "product_uom": line.product_id.uom_id.id,
                "location_id": source.id, "location_dest_id": dest.id, "picking_id": picking.id,
                "company_id": company.id, "origin": line.purchase_id.name} for line in lines])
            moves._action_confirm(merge=False)
            moves.move_line_ids.unlink()
            self.env["stock.move.line"].sudo().create([{
                "move_id": move.id, "product_id": line.product_id.id,
                "quantity": abs(line.payable_kg), "product_uom_id": line.product_id.uom_id.id,
                "location_id": source.id, "location_dest_id": dest.id,
                "lot_id": lot_of[line.id].id if lot_of.get(line.id) else False,
                "picking_id": picking.id, "company_id": company.id}
                for move, line in zip(moves, lines)])
            moves.picked = True
            moves._action_done()
            purchases._coup_system().write({"picking_id": picking.id, "stock_pending": False})

    def _coup_make_lots(self):
        """A lot per delivery line of a lot-tracked product, named after the delivery: made at
        confirmation, so the receipt and the traceability name it at once."""
        lines = self.line_ids.filtered(lambda l: l.product_id.tracking != "none"
                                       and not l.reversed_line_id and not l.lot_id)
        for company, company_lines in lines.grouped("company_id").items():
            lots = self.env["stock.lot"].sudo().create([{
                "name": "%s-%s" % (line.purchase_id.name, rank),
                "product_id": line.product_id.id, "company_id": company.id}
                for line, rank in zip(company_lines, self._coup_line_ranks(company_lines))])
            for line, lot in zip(company_lines, lots):
                line._coup_system_line().lot_id = lot
        for line in self.line_ids.filtered(lambda l: l.reversed_line_id and not l.lot_id
                                           and l.reversed_line_id.lot_id):
            line._coup_system_line().lot_id = line.reversed_line_id.lot_id

    @api.model
    def _cron_receive_pending(self, limit=2000):
        """Bring into stock the deliveries confirmed in large batches, a chunk at a time."""
        pending = self.search([("stock_pending", "=", True), ("state", "=", "confirmed"),
                               ("picking_id", "=", False)], limit=limit, order="id")
        pending._coup_receive()
        # a till's tickets are billed here too (their bill posted outside the till's request)
        pending.filtered(lambda p: not p.bill_id and p.company_id.coup_purchase_bill_mode
                         == "per_delivery")._coup_make_bills()
        if len(pending) == limit:
            self.env.ref("coup_marketplace.ir_cron_coup_purchase_receive")._trigger()

    @staticmethod
    def _coup_line_ranks(lines):
        """1, 2… for the lines of each delivery, in order."""
        seen = {}
        for line in lines:
            seen[line.purchase_id.id] = seen.get(line.purchase_id.id, 0) + 1
            yield seen[line.purchase_id.id]

    # ------------------------------------------------------------------ bills

    def action_create_bills(self):
        """The members' vendor bills: one per delivery, or one per member for a batch of
        deliveries, as the cooperative chooses."""
        self.check_access("write")
        todo = self.filtered(lambda p: p.state == "confirmed" and not p.bill_id)
        if not todo:
            raise UserError(_("These deliveries are not confirmed, or already billed."))
        todo._coup_make_bills()
        return True

    def _coup_make_bills(self):
        """Bills in the cooperative's hash-locked journal of members' produce, posted at once.
        A batch bill has a line per product and price naming its deliveries, and equals the
        sum of its deliveries to the unit of the currency (each delivery is rounded on its
        own; a rounding line holds the difference)."""
        todo = self.filtered(lambda p: p.state == "confirmed" and not p.bill_id)
        batch = self.env.context.get("coup_batch_bills") or len(todo) > 1 and all(
            c.coup_purchase_bill_mode == "batch" for c in todo.company_id)
        groups = {}
        for purchase in todo:
            key = (purchase.company_id, purchase.partner_id, bool(purchase.reversed_id)) \
                if batch else purchase
            groups.setdefault(key, self.browse())
            groups[key] |= purchase
        Move = self.env["account.move"].sudo()
        price_digits = self.env["decimal.precision"].precision_get("Product Price")
        bill_vals, billed = [], []
        journals = {}
        for purchases in groups.values():
            company = purchases.company_id
            if company not in journals:
                journals[company] = company._coup_trade_journal("purchase")
            journal = journals[company]
            currency = company.currency_id
            refund = bool(purchases[0].reversed_id)
            # one bill line per product and price, naming its deliveries: a batch of a season
            # stays readable, and an accountant's bill is not 500 lines long
            grouped, advance = {}, 0.0
            for line in purchases.line_ids:
                key = (line.product_id, line.price_kg + line.premium_kg)
                qty, names = grouped.get(key, (0.0, []))
                grouped[key] = (qty + abs(line.payable_kg), names + [line.purchase_id.name])
            for purchase in purchases:
                advance += abs(purchase.advance_deducted)
            lines, subtotal = [], 0.0
            for (product, price), (qty, names) in grouped.items():
                shown = ", ".join(dict.fromkeys(names))
                if len(shown) > 200:
                    shown = "%s … (%s)" % (shown[:200], len(set(names)))
                lines.append((0, 0, {"product_id": product.id, "quantity": qty,
                                     "price_unit": price, "tax_ids": [(6, 0, [])],
                                     "name": "%s · %s" % (product.display_name, shown)}))
                subtotal += currency.round(qty * float_round(price, price_digits))
            expected = sum(abs(p.amount_gross) for p in purchases)
            difference = currency.round(expected - subtotal)
            if not currency.is_zero(difference):
                lines.append((0, 0, {
                    "name": _("Rounding: each delivery rounded on its own"), "quantity": 1,
                    "price_unit": difference, "tax_ids": [(6, 0, [])],
                    "account_id": journal.default_account_id.id}))
            if advance:
                lines.append((0, 0, {
                    "name": _("%s · advance deducted", ", ".join(purchases.filtered(
                        "advance_deducted").mapped("name"))[:200]),
                    "quantity": 1, "price_unit": -advance, "tax_ids": [(6, 0, [])],
                    "account_id": company.coup_advance_account_id.id
                    or journal.default_account_id.id}))
            originals = purchases.reversed_id.bill_id
            bill_vals.append({
                "move_type": "in_refund" if refund else "in_invoice",
                "partner_id": purchases[0].partner_id.id, "journal_id": journal.id,
                "company_id": company.id, "currency_id": currency.id,
                "invoice_date": fields.Date.context_today(self),
                "reversed_entry_id": originals.id if refund and len(originals) == 1 else False,
                "ref": ", ".join(purchases.mapped("name"))[:250], "invoice_line_ids": lines})
            billed.append(purchases)
        for company in {vals["company_id"] for vals in bill_vals}:
            indexes = [i for i, vals in enumerate(bill_vals) if vals["company_id"] == company]
            bills = Move.with_company(company).create([bill_vals[i] for i in indexes])
            # posted (and hashed) by the system: Odoo writes the hash as the poster, and a
            # cooperative's staff confirm deliveries without being accountants
            bills.with_user(SUPERUSER_ID).action_post()
            for bill, index in zip(bills, indexes):
                billed[index]._coup_system().write({"bill_id": bill.id})
        todo.filtered("reversed_id")._coup_reconcile_reversal()
        return True

    def _coup_reconcile_reversal(self):
        """A reversal's refund is set off against the bill of the delivery it reverses (what
        is left of a batch bill stays open); a bill already paid leaves the refund open: the
        member owes it back."""
        for reversal in self.filtered(lambda r: r.reversed_id and r.bill_id):
            refund, bill = reversal.bill_id, reversal.reversed_id.bill_id
            if not bill or bill.state != "posted" or refund.state != "posted":
                continue
            lines = (refund | bill).sudo().line_ids.filtered(
                lambda l: l.account_id.account_type == "liability_payable" and not l.reconciled)
            if len(lines.move_id) == 2:
                lines.with_user(SUPERUSER_ID).reconcile()

    def action_open_bill(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "account.move",
                "res_id": self.bill_id.id, "view_mode": "form"}

    # ------------------------------------------------------------------ reversal

    def action_reverse(self):
        """A mistake is corrected by a reversal: a new record, sealed like any other, with
        the weights and amounts negated; stock goes back, and the bill is refunded and set off
        against it."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "confirmed" or self.reversed_id or self.is_reversed:
            raise UserError(_("Only a confirmed delivery that is not reversed yet can be "
                              "reversed."))
        reversal = self._coup_system().create({
            "company_id": self.company_id.id, "membership_id": self.membership_id.id,
            "date": fields.Datetime.now(), "price_list_id": self.price_list_id.id,
            "reversed_id": self.id, "advance_deducted": -self.advance_deducted,
            "delivery_place_id": self.delivery_place_id.id,
            "note": _("Reversal of %s", self.name),
            "line_ids": [(0, 0, {
                "product_id": line.product_id.id, "grade": line.grade, "bags": -line.bags,
                "gross_kg": -line.gross_kg, "tare_kg": -line.tare_kg,
                "moisture": line.moisture, "foreign_matter": line.foreign_matter,
                "moisture_standard": line.moisture_standard,
                "price_kg": line.price_kg, "premium_kg": line.premium_kg,
                "reversed_line_id": line.id}) for line in self.line_ids]})
        reversal.action_confirm()
        if self.bill_id and not reversal.bill_id:
            reversal._coup_make_bills()
        return {"type": "ir.actions.act_window", "res_model": self._name,
                "res_id": reversal.id, "view_mode": "form"}

    # ------------------------------------------------------------------ chain content

    def _coup_canonical_rows(self, company, ids=None, after=0, limit=None):
        """What the seal holds: everything the receipt shows (the member by their membership,
        which a renumbering does not change; the collection point, collector, season,
        confirmation time and verification code), and each line's weights and prices."""
        query = SQL("""
            SELECT p.id, p.name, p.sequence_number, p.coup_hash, p.coup_previous_hash,
                   p.company_id, p.date, p.membership_id, p.currency_id, p.advance_deducted,
                   p.amount_gross, p.amount_total, p.net_kg, p.payable_kg, r.name, p.client_ref,
                   p.delivery_place_id, p.collector_id, p.price_list_id, p.confirm_date,
                   p.coup_verify_token,
                   (SELECT json_agg(json_build_array(l.product_id, l.grade, l.bags, l.gross_kg,
                                    l.tare_kg, l.net_kg, l.moisture, l.foreign_matter,
                                    l.payable_kg, l.price_kg, l.premium_kg, l.amount)
                                    ORDER BY l.id)
                      FROM coup_purchase_line l WHERE l.purchase_id = p.id)
              FROM coup_purchase p
              LEFT JOIN coup_purchase r ON r.id = p.reversed_id
             WHERE p.company_id = %s AND p.state = 'confirmed' %s
             ORDER BY p.sequence_number %s
        """, company.id, *self._coup_canonical_slice("p", ids, after, limit))
        self.env.cr.execute(query)
        rows = []
        for (pid, name, number, stored, previous, company_id, date, membership, currency,
             advance, gross, total, net, payable, reversed_name, ref, place, collector, season,
             confirmed, token, lines) in self.env.cr.fetchall():
            content = {
                "number": name, "company": company_id, "date": date.isoformat(),
                "membership": membership, "currency": currency,
                "advance": canonical_number(advance), "gross": canonical_number(gross),
                "total": canonical_number(total), "net_kg": canonical_number(net),
                "payable_kg": canonical_number(payable), "reverses": reversed_name,
                "client_ref": ref, "place": place, "collector": collector, "season": season,
                "confirmed": confirmed.isoformat() if confirmed else None, "token": token,
                "lines": [[product, grade or "", canonical_number(bags)] + [
                    canonical_number(v) for v in values] for product, grade, bags, *values in
                    (lines or [])]}
            rows.append((pid, name, number, stored, previous, content))
        return self._coup_merge_extra(rows)

    # ------------------------------------------------------------------ receipt

    def _coup_verify_url(self):
        """The public page a receipt's QR code opens: its verification code, printed on the
        receipt, derived from no other record."""
        self.ensure_one()
        return "%s/coup/verify/purchase/%s" % (self.get_base_url(),
                                               self.sudo().coup_verify_token)

    def _coup_qr_src(self):
        self.ensure_one()
        return "/report/barcode/?barcode_type=QR&value=%s&width=160&height=160" % url_quote(
            self._coup_verify_url(), safe="")

    def action_register_payment(self):
        """Pay the members' bills of these deliveries, through Odoo's payment wizard."""
        self.check_access("write")
        bills = self.bill_id.filtered(lambda b: b.state == "posted"
                                      and b.payment_state not in ("paid", "in_payment"))
        if not bills:
            raise UserError(_("There is no unpaid bill for these deliveries."))
        return bills.action_register_payment()

    @api.model
    def _coup_demo_pay(self, purchases, amount_share=1.0):
        """Demo data: pay the bills of ``purchases`` (in full, or a share of them)."""
        for bill in self.browse(purchases).bill_id:
            wizard = self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=bill.ids).create({})
            if amount_share != 1.0:
                wizard.amount = bill.amount_residual * amount_share
            wizard.action_create_payments()
