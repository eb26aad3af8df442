from odoo import fields, models


class CoupMembership(models.Model):
    _inherit = "coup.membership"

    coup_parcel_ids = fields.One2many("coup.parcel", "membership_id", string="Parcels")
    coup_parcel_count = fields.Integer(compute="_compute_coup_parcel_stats",
                                       string="Number of Parcels")
    coup_parcel_area = fields.Float(compute="_compute_coup_parcel_stats",
                                    string="Mapped Area (ha)", digits=(16, 2))
    coup_parcels_geojson = fields.Text(compute="_compute_coup_parcels_geojson",
                                       string="Parcels Map")

    def _compute_coup_parcel_stats(self):
        stats = {m.id: (n, area) for m, n, area in self.env["coup.parcel"]._read_group(
            [("membership_id", "in", self.ids)], ["membership_id"], ["__count", "area_ha:sum"])}
        for membership in self:
            membership.coup_parcel_count, membership.coup_parcel_area = stats.get(
                membership.id, (0, 0.0))

    def _compute_coup_parcels_geojson(self):
        Parcel = self.env["coup.parcel"]
        for membership in self:
            membership.coup_parcels_geojson = Parcel.coup_map_data(
                [("membership_id", "=", membership.id)]) if membership.id else False

    def action_open_parcels(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_fieldbook.coup_parcel_action")
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {"default_membership_id": self.id,
                             "default_company_id": self.company_id.id}
        return action
