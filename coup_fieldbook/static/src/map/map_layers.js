/** @odoo-module */
/* global L */

/**
 * What every Co-Up map shares, in the backend and in the portal: its background and how a
 * parcel is drawn. The shapes never depend on the background: with no internet and no
 * basemap they are drawn over a plain background.
 */

/**
 * @param {L.Map} map
 * @param {{basemap_url: string, tile_url: string, attribution: string}} settings
 */
export function addBackground(map, settings, labels = {}) {
    const layers = {};
    let noted = false;
    // without a basemap, tiles that cannot come (no internet) leave a plain background: say
    // why, and where to put a basemap (staff only: the portal passes no note)
    const note = () => {
        if (noted || !labels.noBasemap || layers.basemap) {
            return;
        }
        noted = true;
        const control = L.control({ position: "bottomleft" });
        control.onAdd = () => {
            const div = L.DomUtil.create("div", "o_coup_map_note text-muted");
            div.textContent = labels.noBasemap;
            return div;
        };
        control.addTo(map);
    };
    if (settings.basemap_url) {
        layers.basemap = L.tileLayer(settings.basemap_url, { maxZoom: 19, maxNativeZoom: 18 });
    }
    if (settings.tile_url) {
        layers.online = L.tileLayer(settings.tile_url, {
            maxZoom: 19,
            attribution: settings.attribution || "",
        });
    }
    const first = layers.basemap || (navigator.onLine !== false && layers.online);
    if (first) {
        first.addTo(map);
    } else {
        note();
    }
    if (layers.online) {
        layers.online.on("tileerror", note);
    }
    if (layers.basemap && layers.online) {
        L.control.layers({ Basemap: layers.basemap, Online: layers.online }).addTo(map);
    }
    return layers;
}

/**
 * One meaning per colour, on every map: green EUDR-ready; orange ready with something to check
 * (area, overlap); red not ready; blue a shape whose state is not known (being drawn).
 */
export function parcelStyle(feature) {
    const p = feature.properties || {};
    let color = "#1565c0";
    if (p.eudr_ready === true) {
        color = p.warning ? "#e67e22" : "#2e7d32";
    } else if (p.eudr_ready === false) {
        color = "#c62828";
    }
    return { color, weight: 2, fillColor: color, fillOpacity: 0.25 };
}

export function parcelPoint(feature, latlng) {
    return L.circleMarker(latlng, { radius: 6, ...parcelStyle(feature), fillOpacity: 0.6 });
}

function escape(text) {
    const div = document.createElement("div");
    div.textContent = text === undefined || text === null ? "" : String(text);
    return div.innerHTML;
}

export function parcelPopup(feature, labels = {}) {
    const p = feature.properties || {};
    return `<div class="o_coup_map_popup">
        <strong>${escape(p.name)}</strong> <span class="text-muted">${escape(p.code)}</span><br/>
        ${escape(p.member)} · ${escape(p.member_number)}<br/>
        ${escape(labels.area || "Area")}: ${escape(p.area)} ha
        (${escape(labels.declared || "declared")}: ${escape(p.declared)} ha)
    </div>`;
}

/**
 * Draw a FeatureCollection (or a bare geometry) and fit the map to it.
 * @returns {L.GeoJSON}
 */
export function drawParcels(map, data, options = {}) {
    const renderer = L.canvas({ padding: 0.5 });
    const layer = L.geoJSON(data, {
        renderer,
        style: parcelStyle,
        pointToLayer: parcelPoint,
        onEachFeature: options.onEachFeature,
    }).addTo(map);
    const bounds = layer.getBounds();
    if (bounds.isValid()) {
        map.fitBounds(bounds, { maxZoom: 17, padding: [20, 20] });
    }
    return layer;
}
