from odoo import _, models

CROPS_SHOWN = 5


class CoupDashboard(models.AbstractModel):
    _inherit = "coup.dashboard"

    def _coup_dashboard_figures(self, companies):
        """Parcels mapped and EUDR-ready, area by crop and production grown, per cooperative."""
        figures = super()._coup_dashboard_figures(companies)
        Parcel = self._coup_dashboard_model("coup.parcel")
        Operation = self._coup_dashboard_model("coup.parcel.operation")
        if Parcel is None or Operation is None:
            return figures
        base = [("company_id", "in", companies.ids)]
        rows = Parcel._read_group(base, ["company_id", "is_mapped", "eudr_ready"],
                                  ["__count", "area_ha:sum"])
        parcels, mapped, ready, area = {}, {}, {}, {}
        for company, is_mapped, is_ready, count, hectares in rows:
            parcels[company.id] = parcels.get(company.id, 0) + count
            if is_mapped:
                mapped[company.id] = mapped.get(company.id, 0) + count
                area[company.id] = area.get(company.id, 0.0) + hectares
            if is_ready:
                ready[company.id] = ready.get(company.id, 0) + count
        common = {"res_model": "coup.parcel", "company_field": "company_id",
                  "action": "coup_fieldbook.coup_parcel_action"}
        figures += [
            dict(common, key="parcels", label=_("Parcels"), icon="fa-map-o", values=parcels,
                 domain=[], sequence=400, help=_("Members' parcels in the field book.")),
            dict(common, key="parcels_mapped", label=_("Parcels Mapped"), icon="fa-map-marker",
                 values=mapped, share_of="parcels", domain=[("is_mapped", "=", True)],
                 sequence=410),
            dict(common, key="parcels_unmapped", label=_("Parcels Not Mapped"),
                 icon="fa-question-circle", higher_is_better=False, share_of="parcels",
                 values={cid: parcels.get(cid, 0) - mapped.get(cid, 0) for cid in parcels},
                 domain=[("is_mapped", "=", False)], sequence=411),
            dict(common, key="parcels_eudr_ready", label=_("EUDR-Ready Parcels"),
                 icon="fa-check-circle", values=ready, share_of="parcels",
                 domain=[("eudr_ready", "=", True)], sequence=420,
                 help=_("Parcels whose geolocation the EU Information System would accept.")),
            dict(common, key="parcel_area", label=_("Mapped Area (ha)"), icon="fa-area-chart",
                 values={cid: round(v, 1) for cid, v in area.items()},
                 domain=[("is_mapped", "=", True)], sequence=430),
        ]
        by_crop = Parcel._read_group(base + [("crop_ids", "!=", False)],
                                     ["crop_ids", "company_id"], ["area_ha:sum"])
        crops = {}
        for crop, company, hectares in by_crop:
            crops.setdefault(crop, {})[company.id] = round(hectares, 1)
        biggest = sorted(crops.items(), key=lambda item: -sum(item[1].values()))[:CROPS_SHOWN]
        for rank, (crop, values) in enumerate(biggest):
            figures.append(dict(
                common, key="parcel_area_crop_%s" % crop.id, icon="fa-leaf",
                label=_("%(crop)s (ha)", crop=crop.name), values=values,
                domain=[("crop_ids", "in", crop.ids)], sequence=440 + rank))
        span = self._coup_dashboard_range()
        harvest = [("kind", "=", "harvest"), ("state", "=", "done"),
                   ("date", ">=", span["date_from"]), ("date", "<=", span["date_to"])]
        grown = dict(Operation._read_group(
            harvest + base, ["company_id"], ["quantity_kg:sum"]))
        figures.append({
            "key": "production_grown", "label": _("Harvested (kg)"), "icon": "fa-pagelines",
            "values": {c.id: round(kg) for c, kg in grown.items()},
            "res_model": "coup.parcel.operation", "company_field": "company_id",
            "action": "coup_fieldbook.coup_parcel_operation_action", "domain": harvest,
            "help": _("Harvests recorded on members' parcels in the period."), "sequence": 460})
        return figures
