from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoupOffer(models.Model):
    """Produce a member announces as available. When a buyer wants a product, staff find the
    members who offer it and turn the offers into deliveries to expect."""

    _name = "coup.offer"
    _description = "Produce Offer"
    _inherit = ["mail.thread"]
    _order = "available_date, id"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, index=True, ondelete="cascade",
        check_company=True, domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, index=True,
                                 string="Member Contact")
    product_id = fields.Many2one("product.product", string="Product", required=True)
    quantity_kg = fields.Float(string="Quantity (kg)", required=True, digits=(16, 1))
    price_asked = fields.Monetary(string="Price Asked per kg")
    place = fields.Char(help="Where the produce is: village, store…")
    available_date = fields.Date(default=fields.Date.context_today)
    state = fields.Selection([("open", "Available"), ("planned", "Delivery Planned"),
                              ("withdrawn", "Withdrawn")], default="open", required=True,
                             tracking=True)
    purchase_id = fields.Many2one("coup.purchase", string="Delivery", readonly=True,
                                  copy=False)
    delivery_place_id = fields.Many2one(
        "res.partner", string="Deliver To",
        domain="[('type', '=', 'delivery'), ('parent_id', '=', company_partner_id)]")
    delivery_date = fields.Date()
    company_partner_id = fields.Many2one(related="company_id.partner_id")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity_kg > 0)", "An offer is of a quantity above zero."),
    ]

    @api.depends("product_id", "quantity_kg", "partner_id")
    def _compute_display_name(self):
        for offer in self:
            offer.display_name = "%s · %s kg · %s" % (offer.product_id.display_name or "",
                                                      offer.quantity_kg,
                                                      offer.partner_id.name or "")

    def action_plan_delivery(self):
        """Turn the offers into draft deliveries, with the quantity, place and date agreed."""
        offers = self.filtered(lambda o: o.state == "open")
        if not offers:
            raise UserError(_("Only available offers can be turned into deliveries."))
        Purchase = self.env["coup.purchase"]
        for offer in offers:
            purchase = Purchase.create({
                "company_id": offer.company_id.id, "membership_id": offer.membership_id.id,
                "delivery_place_id": offer.delivery_place_id.id,
                "date": fields.Datetime.to_datetime(offer.delivery_date)
                if offer.delivery_date else fields.Datetime.now(),
                "note": _("Offer of %(kg)s kg at %(place)s", kg=offer.quantity_kg,
                          place=offer.place or "-"),
                "line_ids": [(0, 0, {"product_id": offer.product_id.id,
                                     "gross_kg": offer.quantity_kg})]})
            offer.write({"state": "planned", "purchase_id": purchase.id})
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_marketplace.coup_purchase_action")
        action["domain"] = [("id", "in", offers.purchase_id.ids)]
        return action

    def action_withdraw(self):
        self.filtered(lambda o: o.state == "open").state = "withdrawn"
