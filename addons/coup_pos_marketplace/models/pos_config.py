from odoo import api, fields, models
from odoo.fields import Command


class PosConfig(models.Model):
    _inherit = "pos.config"

    coup_collection = fields.Boolean(
        string="Collection Point",
        help="This till buys produce from members instead of selling: each ticket is a "
             "delivery of the marketplace, paid at the season's price.")
    coup_delivery_place_id = fields.Many2one(
        "res.partner", string="Drop Point",
        help="Where the produce is received; recorded on each delivery.")
    coup_season = fields.Json(
        string="Season Prices", compute="_compute_coup_season",
        help="The season in force at a collection point, as the till prices a bag with it: "
             "the price per kg of each product and grade, and the moisture rules.")

    @api.depends("coup_collection", "company_id")
    def _compute_coup_season(self):
        """Read by the till when it opens, so that each bag shows the price the delivery will
        be paid at, even offline (the till's user may not read price lists: sudo)."""
        PriceList = self.env["coup.price.list"].sudo()
        today = fields.Date.context_today(self)
        for config in self:
            season = config.coup_collection and PriceList._coup_for(config.company_id, today)
            config.coup_season = season and {
                "name": season.name,
                "moisture_standard": season.moisture_standard,
                "moisture_max": season.moisture_max,
                "prices": [[line.product_id.id, line.grade or "", line.price_kg]
                           for line in season.line_ids],
            } or False

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        return fields_ + ["coup_collection", "coup_season"] if fields_ else fields_

    @api.model
    def _coup_demo_collection_point(self, company_id, product_id):
        """Demo: Kléla's collection point at Zanadougou as a till in collection mode, buying
        raw cashew (its only product: a POS category keeps Odoo's demo products out) in the
        cooperative's currency; its manager may open it."""
        company = self.env["res.company"].browse(company_id)
        self = self.sudo().with_company(company).with_context(tracking_disable=True)
        product = self.env["product.product"].browse(product_id)
        category = self.env["pos.category"].create({"name": "Collecte"})
        product.write({"available_in_pos": True, "to_weight": True, "taxes_id": False,
                       "barcode": product.barcode or "2000000000022",
                       "pos_categ_ids": [Command.link(category.id)]})
        pricelist = self.env["product.pricelist"].create({
            "name": f"Kléla ({company.currency_id.name})", "company_id": company.id,
            "currency_id": company.currency_id.id})
        journals = self._coup_demo_journals(company)
        method = self.env["pos.payment.method"].search(
            [("company_id", "=", company.id), ("journal_id", "=", journals["cash"].id)], limit=1)
        method = method or self.env["pos.payment.method"].create({
            "name": "Espèces", "journal_id": journals["cash"].id, "company_id": company.id})
        place = self.env["res.partner"].search(
            [("type", "=", "delivery"), ("parent_id", "=", company.partner_id.id)], limit=1)
        till = self.create({
            "name": place.name or "Point de collecte", "company_id": company.id,
            "coup_collection": True, "coup_delivery_place_id": place.id,
            "payment_method_ids": [Command.set(method.ids)],
            "use_pricelist": True, "pricelist_id": pricelist.id,
            "available_pricelist_ids": [Command.set(pricelist.ids)],
            "limit_categories": True, "iface_available_categ_ids": [Command.set(category.ids)],
        })
        manager = self.env.ref("coup_member_registry.user_manager_klela",
                               raise_if_not_found=False)
        if manager:
            manager.groups_id = [Command.link(self.env.ref("point_of_sale.group_pos_user").id)]
        return till
