from odoo import api, fields, models

SITE_KINDS = [("drop_point", "Drop Point"), ("warehouse", "Warehouse"),
              ("drying_area", "Drying Area"), ("well", "Well"), ("nursery", "Nursery"),
              ("other", "Other Infrastructure")]


class ResPartner(models.Model):
    """Sites are addresses of the cooperative placed on the map. A drop point, where members
    bring produce, is one of the cooperative's delivery addresses: trade, which does not
    depend on the field book, picks its delivery places from the same records."""

    _inherit = "res.partner"

    coup_site_kind = fields.Selection(SITE_KINDS, string="Site", index=True)
    coup_site_capacity = fields.Float(string="Capacity (t)", digits=(16, 1))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("coup_site_kind"):
                vals.setdefault("type", "delivery" if vals["coup_site_kind"] == "drop_point"
                                else "other")
                company = self.env["res.company"].browse(
                    vals.get("company_id") or self.env.company.id)
                vals.setdefault("company_id", company.id)
                vals.setdefault("parent_id", company.partner_id.id)
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("coup_site_kind"):
            vals.setdefault("type", "delivery" if vals["coup_site_kind"] == "drop_point"
                            else "other")
        return super().write(vals)

    @api.model
    def coup_site_map_data(self):
        """The sites of the user's cooperatives as GeoJSON points, for the map."""
        sites = self.search([("coup_site_kind", "!=", False),
                             ("company_id", "in", self.env.companies.ids)])
        labels = dict(self._fields["coup_site_kind"]._description_selection(self.env))
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "id": site.id,
             "geometry": {"type": "Point",
                          "coordinates": [site.partner_longitude, site.partner_latitude]},
             "properties": {"name": site.name, "kind": site.coup_site_kind,
                            "kind_label": labels[site.coup_site_kind]}}
            for site in sites if site.partner_latitude or site.partner_longitude]}
