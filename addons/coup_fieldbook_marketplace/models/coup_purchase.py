from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


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
        delivered = self.filtered("id")._coup_delivered_before()
        for purchase in self:
            purchase.coup_yield_note = purchase._coup_yield_check(delivered) or False

    def _coup_yield_check(self, delivered=None):
        """What is delivered of each crop in the season, with this delivery, against what the
        parcels can yield; the text of the excess, or None. ``delivered`` is what the
        member's other confirmed deliveries hold (see ``_coup_delivered_before``)."""
        self.ensure_one()
        if self.reversed_id:
            return None
        if delivered is None:
            delivered = self._coup_delivered_before()
        parcels = self.parcel_ids or self._coup_default_parcels()
        problems = []
        for product in self.line_ids.product_id:
            template = product.product_tmpl_id
            if not template.coup_yield_kg_ha:
                continue
            growing = parcels.filtered(lambda p: template in p.crop_ids)
            hectares = sum(p.area_ha or p.declared_area_ha for p in growing)
            capacity = hectares * template.coup_yield_kg_ha
            before = delivered.get((self.membership_id.id, self.price_list_id.id, product.id),
                                   0.0)
            now = sum(self.line_ids.filtered(lambda l: l.product_id == product)
                      .mapped("payable_kg"))
            if self.state == "confirmed":
                before -= now  # counted among the confirmed ones
            if before + now > capacity:
                problems.append(_(
                    "%(product)s: %(total)s kg delivered this season, more than the %(capacity)s "
                    "kg that %(hectares)s ha of parcels can yield (%(yield)s kg/ha).",
                    product=product.display_name, total=round(before + now, 1),
                    capacity=round(capacity), hectares=round(hectares, 2),
                    **{"yield": template.coup_yield_kg_ha}))
        return "\n".join(problems) or None

    def _coup_delivered_before(self):
        """Kilograms of the confirmed deliveries of these deliveries' members, per member,
        season and product, in one query: ``{(membership, season, product): kg}``."""
        if not self:
            return {}
        groups = self.env["coup.purchase.line"].sudo()._read_group(
            [("membership_id", "in", self.membership_id.ids), ("state", "=", "confirmed"),
             ("price_list_id", "in", self.price_list_id.ids),
             ("product_id", "in", self.line_ids.product_id.ids)],
            ["membership_id", "price_list_id", "product_id"], ["payable_kg:sum"])
        return {(member.id, season.id, product.id): kg
                for member, season, product, kg in groups}

    def action_confirm(self):
        """The parcels are set before the delivery is sealed (a reversal names its original's
        parcels): they are part of what the seal holds."""
        for purchase in self.filtered(lambda p: p.state == "draft" and not p.parcel_ids):
            parcels = purchase.reversed_id.parcel_ids if purchase.reversed_id \
                else purchase._coup_default_parcels()
            if parcels:
                purchase.parcel_ids = parcels
        drafts = self.filtered(lambda p: p.state == "draft")
        delivered = drafts._coup_delivered_before()
        for purchase in drafts:
            chatter = purchase._coup_in_coop_lang()
            note = chatter._coup_yield_check(delivered)
            if note:
                chatter.message_post(body=chatter.env._("Confirmed beyond the parcels' yield: %s",
                                                        note))
        return super().action_confirm()

    def _coup_canonical_extra(self, ids):
        """The parcels a delivery grew on are sealed with it: the EUDR traceability of its lot
        cannot be rewritten afterwards."""
        extra = super()._coup_canonical_extra(ids)
        if ids:
            self.env.cr.execute(SQL("""
                SELECT purchase_id, array_agg(parcel_id ORDER BY parcel_id)
                  FROM coup_purchase_parcel_rel WHERE purchase_id = ANY(%s)
                 GROUP BY purchase_id
            """, list(ids)))
            for purchase_id, parcels in self.env.cr.fetchall():
                extra.setdefault(purchase_id, {})["parcels"] = parcels
        return extra

    def action_eudr_export(self):
        """The EUDR geolocation of exactly the parcels behind these deliveries."""
        parcels = self.parcel_ids
        if not parcels:
            raise UserError(_("These deliveries name no parcel."))
        return parcels.action_eudr_export()
