from odoo import _, api, fields, models

PAYMENT_STATES = [("not_paid", "Unpaid"), ("partial", "Partly Paid"), ("in_payment", "In Payment"),
                  ("paid", "Paid"), ("reversed", "Reversed"), ("blocked", "Blocked"),
                  ("invoicing_legacy", "Invoicing App Legacy")]


class CoupTradeRecord(models.AbstractModel):
    """A trade document between a member and the cooperative: indelible once confirmed (the
    registry's ``coup.indelible.record``), paid or not as its accounting document says, and
    shown to the member in the portal."""

    _name = "coup.trade.record"
    _inherit = ["coup.indelible.record"]
    _description = "Indelible Trade Record"
    # the accounting document that says whether the record is paid, and the record's portal page
    _coup_move_field = None
    _coup_portal_path = None

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

    def _coup_canonical_extra(self, ids):
        """More content sealed with the records ``ids`` (``{id: {key: value}}``), given by
        bridges (e.g. the parcels a delivery grew on). A key is sealed only when it has a
        value, so that records confirmed before the bridge was installed keep their seals."""
        return {}

    def _coup_merge_extra(self, rows):
        extra = self._coup_canonical_extra([row[0] for row in rows])
        for row in rows:
            row[5].update({k: v for k, v in extra.get(row[0], {}).items() if v})
        return rows
