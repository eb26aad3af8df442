from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PosOrder(models.Model):
    """A ticket made offline may be sent again when the network comes back (the till cannot
    know the first sending arrived). Odoo finds an order already synced by its ``uuid``, but
    nothing in the database forbids two: this constraint makes "recorded once" hold even when
    two sendings cross. Tickets of a practice till are marked and stay out of stock, the books
    and every figure."""

    _inherit = "pos.order"

    coup_practice = fields.Boolean(string="Practice", readonly=True, index=True,
                                   help="Made on a practice till while training.")

    _sql_constraints = [
        ("coup_uuid_uniq", "unique(uuid)", "This ticket was already recorded."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        sessions = self.env["pos.session"].browse(
            [vals["session_id"] for vals in vals_list if vals.get("session_id")])
        practice = set(sessions.filtered("config_id.coup_practice").ids)
        for vals in vals_list:
            if vals.get("session_id") in practice:
                vals["coup_practice"] = True
                vals["to_invoice"] = False
        return super().create(vals_list)

    @api.model
    def _process_order(self, order, existing_order):
        """A new ticket is claimed under its uuid first (the registry's offline protocol,
        ``coup.capture.ref``): two sendings of one ticket that cross wait for each other, and
        the second returns the ticket the first recorded instead of failing on the unique
        uuid."""
        uuid = order.get("uuid")
        if existing_order or not uuid:
            return super()._process_order(order, existing_order)
        session = self.env["pos.session"].browse(order.get("session_id")).exists()
        company = session.config_id.company_id or self.env.company
        record, claim = self.env["coup.capture.ref"].sudo()._coup_claim(
            "pos.order", company.id, uuid)
        if not claim:
            return record.id
        found = self.search([("uuid", "=", uuid)], limit=1)
        if found:
            claim._coup_bind(found)
            return found.id
        order_id = super()._process_order(order, existing_order)
        claim._coup_bind(self.browse(order_id))
        return order_id

    def _create_order_picking(self):
        if self.coup_practice:
            return
        return super()._create_order_picking()

    def _generate_pos_order_invoice(self):
        if any(self.mapped("coup_practice")):
            raise UserError(_("A practice ticket cannot be invoiced."))
        return super()._generate_pos_order_invoice()
