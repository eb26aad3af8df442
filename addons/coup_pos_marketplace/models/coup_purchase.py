import threading

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools import SQL


class CoupPurchase(models.Model):
    _inherit = "coup.purchase"

    _coup_pos_batch_max = 200

    pos_config_id = fields.Many2one("pos.config", string="Collection Till", readonly=True,
                                    index="btree_not_null")
    coup_weight_typed = fields.Boolean(
        string="Weight Typed", compute="_compute_coup_weight_typed", store=True,
        help="A weight of this delivery was typed at the collection point, not read from "
             "the scale.")

    @api.depends("line_ids.coup_weight_source")
    def _compute_coup_weight_typed(self):
        for purchase in self:
            purchase.coup_weight_typed = "typed" in purchase.line_ids.mapped(
                "coup_weight_source")

    @api.model
    def coup_pos_record_collection(self, config_id, ticket):
        """A collection ticket from the till, recorded as a confirmed delivery exactly once
        (the ticket's identifier is the delivery's client reference).

        ``ticket``: ``{"uuid", "partner_id", "lines": [{"product_id", "gross_kg", "tare_kg",
        "moisture", "source"}]}``; instead of ``partner_id``, a member whose card the till
        checked offline is ``"card"``, and a member registered offline is ``"new_member"`` (a
        registration, see ``coup.collection.registration``). Returns what the receipt shows.

        Twenty tills catching up at once all number deliveries on one gap-free sequence per
        cooperative. In Odoo's repeatable-read transactions, a confirmation that waits for
        the sequence row while another one commits fails ("could not serialize access") and
        Odoo replays the whole request after a random pause of up to seconds. So the ticket
        is recorded in a transaction of its own, in READ COMMITTED: waiting for the row then
        reads the number the other one left, with no failure and no replay. Nothing in it
        depends on repeatable read: the capture claim, the person's lock and the sequence
        row are each taken with a lock that a concurrent sending waits for, then sees
        committed; the stock entry, the only part touching shared quantities, is left to the
        background job. The request's own transaction writes nothing.
        """
        if self._coup_called_by_till():
            return self._coup_pos_alone("_coup_pos_record", config_id, ticket)
        return self._coup_pos_record(config_id, ticket)

    @api.model
    def coup_pos_record_collections(self, config_id, tickets):
        """The till's offline tickets sent as one batch when the network returns: each
        recorded as :meth:`coup_pos_record_collection` records it, exactly once, and the
        receipts returned in the tickets' order.

        A batch is one transaction, all or nothing: a ticket refused (a member who left the
        cooperative meanwhile) refuses the batch, its error naming the ticket, and the till
        then sends that batch's tickets one by one. What a batch saves is the work per ticket
        that does not depend on it: one request, one commit, the capture references claimed
        and the deliveries created in one statement each, and the cooperative's numbers
        reserved and sealed once for the batch (the lock other tills wait for)."""
        if self._coup_called_by_till():
            return self._coup_pos_alone("_coup_pos_record_many", config_id, tickets)
        return self._coup_pos_record_many(config_id, tickets)

    @api.model
    def _coup_called_by_till(self):
        """Whether this is the till's own call (JSON-RPC), whose transaction has written
        nothing: the ticket then has a transaction of its own. Called from other code, or in
        a test's transaction, the ticket is recorded in the caller's transaction."""
        return bool(request and request.httprequest.path.endswith((
            "/coup.purchase/coup_pos_record_collection",
            "/coup.purchase/coup_pos_record_collections"))
            and not getattr(threading.current_thread(), "testing", False)
            and not self.env.registry.in_test_mode())

    @api.model
    def _coup_pos_alone(self, method, *args):
        """``method`` (recording a ticket, a batch) run and committed in a READ COMMITTED
        transaction of its own."""
        with self.env.registry.cursor() as cr:
            cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
            return getattr(self.with_env(self.env(cr=cr)), method)(*args)

    @api.model
    def _coup_pos_record(self, config_id, ticket):
        """One ticket: a batch of one, its error as the ticket's own."""
        return self._coup_pos_record_many(config_id, [ticket])[0]

    @api.model
    def _coup_pos_record_many(self, config_id, tickets):
        config = self.env["coup.collection.registration"]._coup_pos_collection_config(config_id)
        company = config.company_id
        if not isinstance(tickets, list) or not tickets:
            raise UserError(_("The batch has no ticket."))
        if len(tickets) > self._coup_pos_batch_max:
            raise UserError(_("A batch holds at most %(max)s tickets, this one %(count)s: "
                              "send it in parts.", max=self._coup_pos_batch_max,
                              count=len(tickets)))
        for position, ticket in enumerate(tickets, 1):
            if not isinstance(ticket, dict) or not ticket.get("uuid"):
                raise UserError(_("Ticket %(position)s of the batch has no identifier (uuid).",
                                  position=position))
        claims = self.env["coup.capture.ref"].sudo()._coup_claim_many(
            self._name, company.id, [ticket["uuid"] for ticket in tickets])
        Purchase = self.sudo().with_company(company)
        made, to_make, sent, memberships = {}, [], {}, {}
        for position, ticket in enumerate(tickets, 1):
            ref = ticket["uuid"]
            record, claim = claims[ref]
            if record or ref in sent:  # recorded before, or twice in this batch
                made.setdefault(ref, record)
                continue
            try:
                vals, memberships[ref] = self._coup_pos_ticket_vals(config, ticket)
            except UserError as error:
                if len(tickets) == 1:
                    raise
                raise UserError(_("Ticket %(position)s of %(count)s (%(ref)s): %(error)s",
                                  position=position, count=len(tickets), ref=ref,
                                  error=error.args[0])) from error
            sent[ref] = ticket
            to_make.append((ref, claim, vals))
        if to_make:
            created = Purchase.create([vals for __, __, vals in to_make])
            self.env["coup.capture.ref"].sudo().concat(
                *[claim for __, claim, __ in to_make])._coup_bind_many(created)
            made.update(zip([ref for ref, __, __ in to_make], created))
        drafts = Purchase.concat(*[made[ref] for ref in dict.fromkeys(made)]).filtered(
            lambda p: p.state == "draft")
        if drafts:
            try:
                drafts._coup_pos_confirm([sent.get(p.client_ref) or {} for p in drafts])
            except (UserError, ValidationError) as error:
                if len(tickets) == 1:
                    raise
                refs = [ticket["uuid"] for ticket in tickets]
                position, ref = next(
                    ((refs.index(p.client_ref) + 1, p.client_ref) for p in drafts
                     if not p._coup_pos_confirmable()), (0, ""))
                raise UserError(_("Ticket %(position)s of %(count)s (%(ref)s): %(error)s",
                                  position=position or "?", count=len(tickets), ref=ref,
                                  error=error.args[0])) from error
        receipts = []
        for ticket in tickets:
            purchase = made[ticket["uuid"]]
            receipts.append(purchase._coup_pos_receipt(
                memberships.get(ticket["uuid"]) or purchase.membership_id))
        return receipts

    @api.model
    def _coup_pos_ticket_vals(self, config, ticket):
        """The delivery a ticket makes, and its membership (the ticket checked)."""
        company = config.company_id
        membership = self._coup_pos_ticket_membership(config, ticket)
        if not ticket.get("lines"):
            raise UserError(_("The ticket has no produce."))
        grades = self._coup_pos_default_grades(company, ticket["lines"])
        return {
            "company_id": company.id, "membership_id": membership.id,
            "client_ref": ticket["uuid"], "pos_config_id": config.id,
            "delivery_place_id": config.coup_delivery_place_id.id,
            "collector_id": self.env.user.partner_id.id,
            "line_ids": [(0, 0, {
                "product_id": line["product_id"], "gross_kg": line["gross_kg"],
                "tare_kg": line.get("tare_kg") or 0.0, "moisture": line.get("moisture") or 0.0,
                "grade": line.get("grade") or grades.get(line["product_id"]) or False,
                "bags": 1, "coup_weight_source": line.get("source") or "typed",
            }) for line in ticket["lines"]],
        }, membership

    def _coup_pos_confirm(self, tickets):
        """Confirm the till's draft deliveries (``tickets``: what each was sent as)."""
        # a bag whose moisture was not measured is taken at the season's standard
        unmeasured = self.env["coup.purchase.line"]
        for purchase, ticket in zip(self, tickets):
            unmeasured |= unmeasured.browse([
                line.id for line, sent in zip(purchase.line_ids.sorted("id"),
                                              ticket.get("lines") or [])
                if sent.get("moisture") in (None, "")])
        for standard, lines in unmeasured.grouped("moisture_standard").items():
            lines.write({"moisture": standard})
        # the stock entry by the background job: what the cooperative's lock covers is
        # the numbering and the seal, not the receipt, its moves and quants
        self.with_context(coup_stock_later=True).action_confirm()

    def _coup_pos_confirmable(self):
        """Whether this draft passes the confirmation's checks (to name the ticket that a
        batch's confirmation refused)."""
        try:
            self._coup_check_before_confirm()
        except (UserError, ValidationError):
            return False
        return True

    def _coup_pos_receipt(self, membership):
        """What the till's receipt shows."""
        self.ensure_one()
        return {"name": self.name, "net_kg": self.net_kg, "payable_kg": self.payable_kg,
                "sms": bool(self._coup_receipt_sms_number()),
                "amount": self.amount_total, "member": membership.partner_id.name,
                "member_number": membership.member_number,
                "typed": self.coup_weight_typed, "verify_url": self._coup_verify_url()}

    @api.model
    def _coup_pos_default_grades(self, company, lines):
        """The grade of a bag the collector did not grade: the season's price without a grade
        if it has one (no grade needed), else its only grade; with several grades and no
        default price the collector is asked, the grades named."""
        products = self.env["product.product"].browse(
            {line["product_id"] for line in lines if not line.get("grade")})
        if not products:
            return {}
        price_list = self.env["coup.price.list"].sudo()._coup_for(company,
                                                                  fields.Date.today())
        grades = {}
        for product in products:
            lines_ = price_list.line_ids.filtered(lambda l, p=product: l.product_id == p)
            if not lines_ or lines_.filtered(lambda l: not l.grade):
                continue
            names = sorted(set(lines_.mapped("grade")))
            if len(names) > 1:
                raise UserError(_(
                    "%(product)s has a price for each grade in the season %(season)s "
                    "(%(grades)s) and none without a grade: set the grade of each bag with "
                    "Moisture & Grade.", product=product.display_name, season=price_list.name,
                    grades=", ".join(names)))
            grades[product.id] = names[0]
        return grades

    @api.model
    def _coup_pos_ticket_membership(self, config, ticket):
        """The membership in the till's cooperative that a collection ticket names. The till's
        user records deliveries without the marketplace's rights: what they may send is this
        ticket, checked here; the delivery is signed with their name."""
        company = config.company_id
        Membership = self.env["coup.membership"].sudo()
        if ticket.get("new_member"):
            return self.env["coup.collection.registration"]._coup_register(
                config, ticket["new_member"]).membership_id
        if ticket.get("card"):
            partner = self.env["res.partner"].sudo().with_company(company).search(
                [("barcode", "=", ticket["card"])], limit=1)
            if not partner:
                raise UserError(_("No member of %(coop)s has the card %(card)s.",
                                  coop=company.name, card=ticket["card"]))
        else:
            partner = self.env["res.partner"].browse(ticket.get("partner_id") or 0).exists()
        if not partner:
            raise UserError(_("Scan the member's card first: a delivery is bought from a "
                              "member."))
        membership = Membership.search(
            [("partner_id", "=", partner.id), ("company_id", "=", company.id)], limit=1)
        if not membership:
            raise UserError(_("%(name)s is not a member of %(coop)s.", name=partner.name,
                              coop=company.name))
        return membership

    def _coup_receipt_sms_number(self):
        """The member's number when the cooperative sends SMS (``coup_sms`` installed)."""
        self.ensure_one()
        if "coup.sms.gateway" not in self.env:
            return False
        partner = self.partner_id
        return partner.phone_sanitized or partner.mobile or partner.phone or False

    def _coup_receipt_sms_body(self):
        self.ensure_one()
        return _("%(coop)s: delivery %(name)s of %(date)s, %(kg)s kg, %(amount)s to pay. "
                 "Check it: %(url)s",
                 coop=self.company_id.name, name=self.name, date=self.date.date(),
                 kg=self.net_kg, url=self._coup_verify_url(),
                 amount=self.currency_id.format(self.amount_total))

    @api.model
    def coup_pos_send_receipt_sms(self, config_id, client_ref):
        """Queue the receipt of a collection ticket by SMS to the member (once)."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        purchase = self.sudo().search([("pos_config_id", "=", config.id),
                                       ("client_ref", "=", client_ref)], limit=1)
        number = purchase and purchase._coup_receipt_sms_number()
        if not number:
            raise UserError(_("This delivery's receipt cannot be sent by SMS: the member has "
                              "no phone number, or the cooperative sends no SMS."))
        Sms = self.env["sms.sms"].sudo()
        body = purchase._coup_receipt_sms_body()
        if not Sms.search_count([("partner_id", "=", purchase.partner_id.id),
                                 ("body", "=", body)]):
            Sms.create({"number": number, "body": body, "partner_id": purchase.partner_id.id,
                        "coup_company_id": purchase.company_id.id, "state": "outgoing"})
        return True
