/** @odoo-module */
/* global L */
import { Component, onMounted, onPatched, onWillUnmount, useRef, useState } from "@odoo/owl";

const DEFAULT_VIEW = [[11.4, -5.6], 7];
// the zooms of the basemap kept for the field (the walk's map shows z17 tiles enlarged beyond)
export const TILE_ZOOMS = [12, 17];

/**
 * The parcel walk on a map (Leaflet from web_leaflet_lib): the member's known parcels and the
 * track as it is kept, over the cooperative's basemap when one was prepared (its tiles are in
 * the service worker's cache), else over a plain background.
 */
export class WalkMap extends Component {
    static template = "coup_field_app.WalkMap";
    static props = { app: Object };

    setup() {
        this.mapRef = useRef("map");
        this.walk = useState(this.props.app.state.walk);
        onMounted(() => this.init());
        onPatched(() => this.draw());
        onWillUnmount(() => this.map?.remove());
    }

    init() {
        if (!window.L) {
            return;
        }
        const app = this.props.app;
        this.map = L.map(this.mapRef.el, { attributionControl: false, preferCanvas: true });
        const basemap = app.state.prepared?.basemap;
        if (basemap?.url_template) {
            // the zooms kept for the field: closer, the kept tiles are shown enlarged
            L.tileLayer(basemap.url_template, {
                maxZoom: 19, maxNativeZoom: TILE_ZOOMS[1],
            }).addTo(this.map);
        }
        this.parcels = L.geoJSON(null, {
            style: { color: "#e65100", weight: 3, fillOpacity: 0.1 },
        }).addTo(this.map);
        this.track = L.polyline([], { color: "#0d47a1", weight: 4 }).addTo(this.map);
        const centre = app.state.session?.company?.map_center;
        if (centre) {
            this.map.setView([centre[1], centre[0]], 13);
        } else {
            this.map.setView(...DEFAULT_VIEW);
        }
        this.shownMember = null;
        this.draw();
    }

    draw() {
        if (!this.map) {
            return;
        }
        const app = this.props.app;
        if (this.shownMember !== this.walk.member) {
            this.shownMember = this.walk.member;
            this.parcels.clearLayers();
            for (const parcel of app.walkMemberParcels) {
                let geometry = parcel.geometry;
                if (typeof geometry === "string") {
                    try {
                        geometry = JSON.parse(geometry);
                    } catch {
                        geometry = null;
                    }
                }
                if (geometry) {
                    this.parcels.addData(geometry);
                }
            }
            const bounds = this.parcels.getBounds();
            if (bounds.isValid()) {
                this.map.fitBounds(bounds, { maxZoom: 18, padding: [20, 20] });
            }
        }
        const kept = app.keptTrack || [];
        this.track.setLatLngs(kept.map((p) => [p[1], p[0]]));
        if (kept.length) {
            const last = kept[kept.length - 1];
            if (this.map.getZoom() < 16) {
                this.map.setView([last[1], last[0]], 17, { animate: false });
            } else {
                this.map.panTo([last[1], last[0]], { animate: false });
            }
        }
    }
}
