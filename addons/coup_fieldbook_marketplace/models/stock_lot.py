from odoo import fields, models


class StockLot(models.Model):
    """A lot made at a delivery traces back to the member and the parcels it grew on."""

    _inherit = "stock.lot"

    coup_purchase_line_ids = fields.One2many("coup.purchase.line", "lot_id",
                                             string="Delivery Lines")
    coup_purchase_ids = fields.Many2many("coup.purchase", compute="_compute_coup_trace",
                                         string="Deliveries")
    coup_partner_ids = fields.Many2many("res.partner", compute="_compute_coup_trace",
                                        string="Members")
    coup_parcel_ids = fields.Many2many("coup.parcel", compute="_compute_coup_trace",
                                       string="Parcels")

    def _compute_coup_trace(self):
        for lot in self:
            purchases = lot.coup_purchase_line_ids.purchase_id
            lot.coup_purchase_ids = purchases
            lot.coup_partner_ids = purchases.partner_id
            lot.coup_parcel_ids = purchases.parcel_ids

    def action_coup_eudr_export(self):
        """The EUDR geolocation of the parcels behind these lots, for the buyer."""
        return self.coup_purchase_line_ids.purchase_id.action_eudr_export()
