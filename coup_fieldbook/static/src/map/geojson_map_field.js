/** @odoo-module */
/* global L */
import { Component, onMounted, onPatched, onWillStart, onWillUnmount, useRef, useState }
    from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { addBackground, drawParcels, parcelPopup } from "./map_layers";

const DEFAULT_VIEW = [[11.4, -5.6], 7];
const PRECISION = 7;

/**
 * A GeoJSON text field on a map. Read-only, it shows a geometry or a FeatureCollection (a
 * member's parcels). Editable, the parcel is drawn by clicking its corners (Leaflet.draw) or
 * by walking around it with the phone's GPS, one corner at a time.
 */
export class GeoJsonMapField extends Component {
    static template = "coup_fieldbook.GeoJsonMapField";
    static props = { ...standardFieldProps, height: { type: String, optional: true } };

    setup() {
        this.mapRef = useRef("map");
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.state = useState({ walking: false, corners: 0, accuracy: null });
        this.walked = [];
        onWillStart(async () => {
            this.settings = await this.orm.call("coup.parcel", "coup_map_settings", []);
        });
        onMounted(() => this.initMap());
        onPatched(() => this.refresh());
        onWillUnmount(() => {
            this.stopWatch();
            this.map?.remove();
        });
    }

    get value() {
        return this.props.record.data[this.props.name] || "";
    }

    get editable() {
        return !this.props.readonly;
    }

    get gpsAvailable() {
        return this.editable && "geolocation" in navigator;
    }

    initMap() {
        this.map = L.map(this.mapRef.el, { preferCanvas: true }).setView(...DEFAULT_VIEW);
        addBackground(this.map, this.settings, {
            noBasemap: _t("No basemap: upload one in Settings"),
        });
        this.drawn = new L.FeatureGroup().addTo(this.map);
        if (this.editable && L.Control.Draw) {
            this.map.addControl(new L.Control.Draw({
                draw: {
                    polygon: { allowIntersection: false, showArea: true },
                    marker: true,
                    polyline: false, rectangle: false, circle: false, circlemarker: false,
                },
                edit: { featureGroup: this.drawn },
            }));
            this.map.on(L.Draw.Event.CREATED, (ev) => {
                this.drawn.clearLayers();
                this.drawn.addLayer(ev.layer);
                this.save();
            });
            this.map.on(L.Draw.Event.EDITED, () => this.save());
            this.map.on(L.Draw.Event.DELETED, () => this.save());
        }
        this.shown = null;
        this.refresh();
        // the form may lay the map out after mounting it
        setTimeout(() => this.map?.invalidateSize(), 200);
    }

    refresh() {
        if (!this.map || this.shown === this.value) {
            return;
        }
        this.shown = this.value;
        this.drawn.clearLayers();
        if (!this.value) {
            return;
        }
        let data;
        try {
            data = JSON.parse(this.value);
        } catch {
            return;
        }
        const record = this.props.record.data;
        if (data && data.type && !["Feature", "FeatureCollection"].includes(data.type)
            && "eudr_ready" in record) {
            // the parcel's own shape, in the colour of its state as on the Parcel Map
            data = { type: "Feature", geometry: data,
                     properties: { eudr_ready: record.eudr_ready, warning: false } };
        }
        const labels = { area: _t("Mapped area"), declared: _t("declared") };
        const layer = drawParcels(this.map, data, {
            onEachFeature: (feature, item) => {
                if (feature.properties && feature.properties.name) {
                    item.bindPopup(parcelPopup(feature, labels));
                }
            },
        });
        this.map.removeLayer(layer);
        layer.eachLayer((item) => this.drawn.addLayer(item));
    }

    geometryFromLayers() {
        const geometries = [];
        this.drawn.eachLayer((layer) => geometries.push(layer.toGeoJSON(PRECISION).geometry));
        if (!geometries.length) {
            return false;
        }
        if (geometries.length === 1) {
            return geometries[0];
        }
        const polygons = geometries.filter((g) => g.type === "Polygon");
        if (polygons.length === geometries.length) {
            return { type: "MultiPolygon", coordinates: polygons.map((g) => g.coordinates) };
        }
        return geometries[geometries.length - 1];
    }

    async save() {
        const geometry = this.geometryFromLayers();
        const text = geometry ? JSON.stringify(geometry) : false;
        this.shown = text || "";
        await this.props.record.update({ [this.props.name]: text });
    }

    // ------------------------------------------------------------ walking with the GPS

    startWalk() {
        this.walked = [];
        this.state.corners = 0;
        this.state.walking = true;
        this.line = L.polyline([], { color: "#1565c0", dashArray: "4 4" }).addTo(this.map);
        this.watchId = navigator.geolocation.watchPosition(
            (position) => {
                this.lastPosition = position.coords;
                this.state.accuracy = Math.round(position.coords.accuracy);
            },
            (error) => this.notification.add(error.message, { type: "danger" }),
            { enableHighAccuracy: true, maximumAge: 0, timeout: 30000 }
        );
    }

    addCorner() {
        const coords = this.lastPosition;
        if (!coords) {
            this.notification.add(_t("No GPS position yet: wait a moment outdoors."), {
                type: "warning",
            });
            return;
        }
        const latlng = L.latLng(coords.latitude, coords.longitude);
        this.walked.push(latlng);
        this.line.addLatLng(latlng);
        this.map.setView(latlng, Math.max(this.map.getZoom(), 17));
        this.state.corners = this.walked.length;
    }

    async finishWalk() {
        if (this.walked.length < 3) {
            this.notification.add(_t("Walk at least three corners of the parcel."), {
                type: "warning",
            });
            return;
        }
        const ring = this.walked.map((p) => [
            Number(p.lng.toFixed(PRECISION)), Number(p.lat.toFixed(PRECISION)),
        ]);
        ring.push(ring[0]);
        this.cancelWalk();
        this.drawn.clearLayers();
        L.geoJSON({ type: "Polygon", coordinates: [ring] }).eachLayer((layer) =>
            this.drawn.addLayer(layer)
        );
        await this.save();
    }

    cancelWalk() {
        this.stopWatch();
        this.line?.remove();
        this.state.walking = false;
    }

    stopWatch() {
        if (this.watchId !== undefined) {
            navigator.geolocation.clearWatch(this.watchId);
            this.watchId = undefined;
        }
    }

    async clear() {
        this.drawn.clearLayers();
        await this.save();
    }
}

export const geoJsonMapField = {
    component: GeoJsonMapField,
    displayName: _t("Map"),
    supportedTypes: ["text"],
    extractProps: ({ options }) => ({ height: options.height }),
};

registry.category("fields").add("coup_geojson_map", geoJsonMapField);
