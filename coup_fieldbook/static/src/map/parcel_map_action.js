/** @odoo-module */
/* global L */
import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { addBackground, drawParcels, parcelPopup } from "./map_layers";

/**
 * The cooperative's map: every parcel the user may see (20,000 are drawn on one canvas) and
 * the sites; a click on a parcel opens it.
 */
export class ParcelMapAction extends Component {
    static template = "coup_fieldbook.ParcelMapAction";
    static props = ["*"];

    setup() {
        this.mapRef = useRef("map");
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ count: 0, loading: true, onlyIssues: false });
        const context = this.props.action?.context || {};
        this.domain = context.coup_map_domain || [];
        onWillStart(async () => {
            [this.settings, this.data, this.sites] = await Promise.all([
                this.orm.call("coup.parcel", "coup_map_settings", []),
                this.orm.call("coup.parcel", "coup_map_data", [this.domain]),
                this.orm.call("res.partner", "coup_site_map_data", []),
            ]);
        });
        onMounted(() => this.initMap());
        onWillUnmount(() => this.map?.remove());
    }

    initMap() {
        const started = performance.now();
        this.map = L.map(this.mapRef.el, { preferCanvas: true }).setView([11.4, -5.6], 7);
        addBackground(this.map, this.settings, {
            noBasemap: _t("No basemap: upload one in Settings"),
        });
        const data = JSON.parse(this.data);
        const labels = { area: _t("Mapped area"), declared: _t("declared") };
        this.layer = drawParcels(this.map, data, {
            onEachFeature: (feature, item) => {
                item.bindTooltip(parcelPopup(feature, labels), { sticky: true });
                item.on("click", () => this.openParcel(feature.properties.id));
            },
        });
        L.geoJSON(this.sites, {
            pointToLayer: (feature, latlng) =>
                L.marker(latlng, { title: feature.properties.name }).bindTooltip(
                    `${feature.properties.kind_label}: ${feature.properties.name}`
                ),
        }).addTo(this.map);
        this.state.count = data.features.length;
        this.state.loading = false;
        // read by the benchmark tour: how long drawing took in this browser
        this.mapRef.el.dataset.drawMs = Math.round(performance.now() - started);
        this.mapRef.el.classList.add("o_coup_map_ready");
        setTimeout(() => this.map?.invalidateSize(), 200);
    }

    openParcel(id) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "coup.parcel",
            res_id: id,
            views: [[false, "form"]],
        });
    }

    openList() {
        this.action.doAction("coup_fieldbook.coup_parcel_action");
    }
}

registry.category("actions").add("coup_fieldbook.parcel_map", ParcelMapAction);
