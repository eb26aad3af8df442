/** @odoo-module */
import publicWidget from "@web/legacy/js/public/public_widget";
import { addBackground, drawParcels, parcelPopup } from "@coup_fieldbook/map/map_layers";

/** The member's parcels on a map, in the portal: the page gives the GeoJSON and settings. */
publicWidget.registry.CoupPortalParcelMap = publicWidget.Widget.extend({
    selector: ".o_coup_portal_map",

    start() {
        /* global L */
        const el = this.el;
        const data = JSON.parse(el.dataset.geojson || "{}");
        const settings = JSON.parse(el.dataset.settings || "{}");
        const map = L.map(el, { preferCanvas: true }).setView([11.4, -5.6], 7);
        addBackground(map, settings);
        drawParcels(map, data, {
            onEachFeature: (feature, item) => {
                item.bindPopup(parcelPopup(feature, {
                    area: el.dataset.labelArea, declared: el.dataset.labelDeclared,
                }));
                if (el.dataset.link) {
                    item.on("click", () => {
                        window.location.href = `/my/parcels/${feature.properties.id}`;
                    });
                }
            },
        });
        el.classList.add("o_coup_map_ready");
        this.map = map;
        return this._super(...arguments);
    },

    destroy() {
        this.map?.remove();
        this._super(...arguments);
    },
});
