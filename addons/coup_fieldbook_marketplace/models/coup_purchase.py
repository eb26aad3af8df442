from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoupPurchase(models.Model):
    """A delivery names the parcels its produce grew on: by default the member's parcels of
    that crop. Kilograms beyond what those parcels can yield in the season (their area times
    the crop's plausible yield) are flagged before the delivery is confirmed."""

    _inherit = "coup.purchase"

    parcel_ids = fields.Many2many(
        "coup.parcel", "coup_purchase_parcel_rel", "purchase_id", "parcel_id",
        string="Parcels", domain="[('membership_id', '=', membership_id)]",
        help="Where the produce grew. Left empty, the member's parcels of the crop.")
    coup_yield_note = fields.Text(string="Yield Check", compute="_compute_coup_yield_note")

    def _coup_default_parcels(self):
        """The member's parcels that grow the products delivered (their principal's, for a
        household member)."""
        self.ensure_one()
        member = self.membership_id.principal_membership_id or self.membership_id
        crops = self.line_ids.product_id.product_tmpl_id
        return self.env["coup.parcel"].search([("membership_id", "=", member.id),
                                               ("crop_ids", "in", crops.ids)])

    @api.onchange("membership_id", "line_ids")
    def _onchange_coup_parcels(self):
        if self.state == "draft" and not self.parcel_ids:
            self.parcel_ids = self._coup_default_parcels()

    @api.depends("parcel_ids", "line_ids.payable_kg", "line_ids.product_id", "state")
    def _compute_coup_yield_note(self):
        for purchase in self:
            purchase.coup_yield_note = purchase._coup_yield_check() or False

    def _coup_yield_check(self):
        """What is delivered of each crop in the season, with this delivery, against what the
        parcels can yield; the text of the excess, or None."""
        self.ensure_one()
        if self.reversed_id:
            return None
        parcels = self.parcel_ids or self._coup_default_parcels()
        season = self.price_list_id
        problems = []
        for product in self.line_ids.product_id:
            template = product.product_tmpl_id
            if not template.coup_yield_kg_ha:
                continue
            growing = parcels.filtered(lambda p: template in p.crop_ids)
            hectares = sum(p.area_ha or p.declared_area_ha for p in growing)
            capacity = hectares * template.coup_yield_kg_ha
            domain = [("membership_id", "=", self.membership_id.id), ("state", "=", "confirmed"),
                      ("line_ids.product_id", "=", product.id)]
            if self.id:
                domain.append(("id", "!=", self.id))
            if season:
                domain.append(("price_list_id", "=", season.id))
            before = sum(self.search(domain).line_ids.filtered(
                lambda l: l.product_id == product).mapped("payable_kg"))
            now = sum(self.line_ids.filtered(lambda l: l.product_id == product)
                      .mapped("payable_kg"))
            if before + now > capacity:
                problems.append(_(
                    "%(product)s: %(total)s kg delivered this season, more than the %(capacity)s "
                    "kg that %(hectares)s ha of parcels can yield (%(yield)s kg/ha).",
                    product=product.display_name, total=round(before + now, 1),
                    capacity=round(capacity), hectares=round(hectares, 2),
                    **{"yield": template.coup_yield_kg_ha}))
        return "\n".join(problems) or None

    def action_confirm(self):
        for purchase in self.filtered(lambda p: p.state == "draft" and not p.parcel_ids
                                      and not p.reversed_id):
            purchase.parcel_ids = purchase._coup_default_parcels()
        for purchase in self.filtered(lambda p: p.state == "draft"):
            note = purchase._coup_yield_check()
            if note:
                purchase.message_post(body=_("Confirmed beyond the parcels' yield: %s", note))
        result = super().action_confirm()
        for purchase in self.filtered("reversed_id"):
            if not purchase.parcel_ids and purchase.reversed_id.parcel_ids:
                super(CoupPurchase, purchase.with_context(coup_chaining=True)).write(
                    {"parcel_ids": [(6, 0, purchase.reversed_id.parcel_ids.ids)]})
        return result

    def action_eudr_export(self):
        """The EUDR geolocation of exactly the parcels behind these deliveries."""
        parcels = self.parcel_ids
        if not parcels:
            raise UserError(_("These deliveries name no parcel."))
        return parcels.action_eudr_export()
