import hashlib
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

GENESIS = "0" * 64
PAYMENT_STATES = [("not_paid", "Unpaid"), ("partial", "Partly Paid"), ("in_payment", "In Payment"),
                  ("paid", "Paid"), ("reversed", "Reversed"), ("blocked", "Blocked"),
                  ("invoicing_legacy", "Invoicing App Legacy")]


def canonical_number(value):
    """Numbers the same whichever way they were read (float, Decimal, int, None)."""
    return "%.4f" % float(value or 0.0)


class CoupTradeRecord(models.AbstractModel):
    """What makes a trade document indelible once confirmed, as Odoo's ``l10n_fr_pos_cert``
    and ``account``'s inalterability hash do: a gap-free number per cooperative, a SHA-256
    hash over the record's canonical content and the hash of the record before it, writes and
    deletions refused (to everybody, administrators included: a mistake is corrected by a
    reversal record), and a check that recomputes the chain and names the first broken link.

    A model using it gives ``_coup_canonical_rows`` (its content, read in SQL, so that the
    check sees what the database holds) and ``_coup_sequence_prefix``.
    """

    _name = "coup.trade.record"
    _description = "Indelible Trade Record"
    _coup_sequence_prefix = "TR/"
    # the accounting document that says whether the record is paid, and the record's portal page
    _coup_move_field = None
    _coup_portal_path = None
    # what may still change on a confirmed record: documents made after it, and the chatter
    _coup_mutable_fields = {"bill_id", "message_follower_ids", "message_ids",
                            "activity_ids", "message_main_attachment_id", "access_token"}

    name = fields.Char(string="Number", default="/", readonly=True, copy=False, index=True)
    state = fields.Selection([("draft", "Draft"), ("confirmed", "Confirmed")], default="draft",
                             required=True, readonly=True, copy=False, tracking=True)
    sequence_number = fields.Integer(readonly=True, copy=False, index=True)
    confirm_date = fields.Datetime(readonly=True, copy=False)
    coup_hash = fields.Char(string="Hash", readonly=True, copy=False)
    coup_previous_hash = fields.Char(string="Previous Hash", readonly=True, copy=False)
    payment_state = fields.Selection(PAYMENT_STATES, string="Payment",
                                     compute="_compute_payment_state", store=True)

    @api.depends(lambda self: ["%s.%s" % (self._coup_move_field, name)
                               for name in ("payment_state", "state")]
                 if self._coup_move_field else [])
    def _compute_payment_state(self):
        """Paid or not is the accounting document's payment state, never a hand-set flag."""
        for record in self:
            move = record[record._coup_move_field] if record._coup_move_field else None
            record.payment_state = move.payment_state if move and move.state == "posted" \
                else "not_paid"

    def _coup_draft_label(self):
        return _("Draft of %s", self.partner_id.name or "")

    @api.depends("name", "partner_id")
    def _compute_display_name(self):
        for record in self:
            record.display_name = record.name if record.name != "/" \
                else record._coup_draft_label()

    def _compute_access_url(self):
        super()._compute_access_url()
        if self._coup_portal_path:
            for record in self:
                record.access_url = self._coup_portal_path % record.id

    # ------------------------------------------------------------------ to be given by models

    def _coup_canonical_rows(self, company, ids=None):
        """``[(id, name, sequence_number, stored hash, stored previous hash, content)]`` of the
        confirmed records of ``company`` (or of ``ids``) in chain order, read in SQL."""
        raise NotImplementedError

    # ------------------------------------------------------------------ chain

    @staticmethod
    def _coup_hash(content, previous):
        data = json.dumps({"content": content, "previous": previous}, sort_keys=True,
                          separators=(",", ":"), ensure_ascii=False, default=str)
        return hashlib.sha256(data.encode()).hexdigest()

    def _coup_sequence(self, company):
        """The cooperative's gap-free sequence of this kind of record. ``no_gap`` sequences
        lock their row: confirmations of one cooperative are chained one at a time."""
        code = "%s.%s" % (self._name, company.id)
        Sequence = self.env["ir.sequence"].sudo()
        sequence = Sequence.search([("code", "=", code)], limit=1)
        if not sequence:
            sequence = Sequence.create({
                "name": "%s (%s)" % (self._description, company.name), "code": code,
                "implementation": "no_gap", "padding": 0, "company_id": company.id})
        return sequence

    def _coup_chain(self):
        """Number and hash the records, in order, after the last of their cooperative.

        Set-based: the cooperative's numbers are reserved at once on its locked sequence row,
        the records written in one go, their content read in one query, and the hashes, which
        follow each other, written back in one statement."""
        for company in self.company_id:
            records = self.filtered(lambda r: r.company_id == company).sorted("id")
            sequence = self._coup_sequence(company)
            self.env.cr.execute("SELECT number_next FROM ir_sequence WHERE id = %s FOR UPDATE",
                                (sequence.id,))
            first = self.env.cr.fetchone()[0]
            self.env.cr.execute("UPDATE ir_sequence SET number_next = %s WHERE id = %s",
                                (first + len(records), sequence.id))
            sequence.invalidate_recordset(["number_next"])
            self.env.cr.execute(
                "SELECT coup_hash FROM %s WHERE company_id = %%s AND state = 'confirmed' "
                "AND coup_hash IS NOT NULL ORDER BY sequence_number DESC LIMIT 1"
                % self._table, (company.id,))
            row = self.env.cr.fetchone()
            previous = row[0] if row else GENESIS
            now = fields.Datetime.now()
            for number, record in enumerate(records, start=first):
                super(CoupTradeRecord, record.with_context(
                    coup_chaining=True, mail_notrack=True)).write({
                    "name": "%s%06d" % (self._coup_sequence_prefix, number),
                    "sequence_number": number, "state": "confirmed", "confirm_date": now})
            self.env.flush_all()
            contents = {row[0]: row[5] for row in self._coup_canonical_rows(company,
                                                                            ids=records.ids)}
            values = []
            for record in records:
                digest = self._coup_hash(contents[record.id], previous)
                values.append((record.id, previous, digest))
                previous = digest
            self.env.cr.execute_values(
                "UPDATE %s AS t SET coup_previous_hash = v.previous, coup_hash = v.digest "
                "FROM (VALUES %%s) AS v(id, previous, digest) WHERE t.id = v.id" % self._table,
                values, page_size=1000)
            records.invalidate_recordset(["coup_hash", "coup_previous_hash"])

    @api.model
    def _coup_check_integrity(self, company):
        """Recompute the chain of ``company``.

        :return: dict with ``count`` (records checked), ``broken`` (the number of the first
            record whose content or link does not match, or False) and ``reason``
        """
        previous, count = GENESIS, 0
        for __, name, number, stored, stored_previous, content in \
                self._coup_canonical_rows(company):
            count += 1
            if number != count:
                return {"count": count, "broken": name, "reason": "gap"}
            if stored_previous != previous:
                return {"count": count, "broken": name, "reason": "link"}
            if self._coup_hash(content, previous) != stored:
                return {"count": count, "broken": name, "reason": "content"}
            previous = stored
        return {"count": count, "broken": False, "reason": False}

    def _coup_verify_record(self, given_hash):
        """Whether this record, as the database holds it, still has ``given_hash`` and is
        linked to the record before it: what the public page confirms."""
        self.ensure_one()
        if self.state != "confirmed" or not given_hash or self.coup_hash != given_hash:
            return False
        rows = self._coup_canonical_rows(self.company_id, ids=self.ids)
        if not rows or self._coup_hash(rows[0][5], rows[0][4]) != given_hash:
            return False
        self.env.cr.execute(
            "SELECT coup_hash FROM %s WHERE company_id = %%s AND state = 'confirmed' "
            "AND sequence_number = %%s" % self._table,
            (self.company_id.id, self.sequence_number - 1))
        row = self.env.cr.fetchone()
        return (row[0] if row else GENESIS) == self.coup_previous_hash

    # ------------------------------------------------------------------ indelible

    def _coup_guard(self, vals=None):
        if self.env.context.get("coup_chaining"):
            return
        confirmed = self.filtered(lambda r: r.state == "confirmed")
        if not confirmed:
            return
        if vals is not None and not (set(vals) - self._coup_mutable_fields):
            return
        raise UserError(_("%(record)s is confirmed: it cannot be changed or deleted, by anybody. "
                          "Correct a mistake with a reversal.",
                          record=confirmed[0].display_name))

    def write(self, vals):
        self._coup_guard(vals)
        return super().write(vals)

    def unlink(self):
        self._coup_guard()
        return super().unlink()


class CoupTradeRecordLine(models.AbstractModel):
    """The lines of a confirmed record are as indelible as the record."""

    _name = "coup.trade.record.line"
    _description = "Indelible Trade Record Line"
    _coup_record_field = None

    def _coup_guard(self):
        if self.env.context.get("coup_chaining"):
            return
        confirmed = self[self._coup_record_field].filtered(lambda r: r.state == "confirmed") \
            if self._coup_record_field else ()
        if confirmed:
            raise UserError(_("%(record)s is confirmed: its lines cannot be changed or "
                              "deleted. Correct a mistake with a reversal.",
                              record=confirmed[0].name))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._coup_guard()
        return lines

    def write(self, vals):
        self._coup_guard()
        return super().write(vals)

    def unlink(self):
        self._coup_guard()
        return super().unlink()
