/** @odoo-module */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_fieldbook_map_tour", {
    steps: () => [
        {
            content: "The cooperative map draws the parcels",
            trigger: ".o_coup_parcel_map_action .o_coup_map.o_coup_map_ready .leaflet-overlay-pane canvas",
        },
        {
            trigger: ".o_coup_map_count:contains('2 parcel(s)')",
        },
        {
            content: "Go to the list",
            trigger: ".o_coup_parcel_map_action button:contains('List')",
            run: "click",
        },
        {
            content: "Open a parcel",
            trigger: ".o_data_row td:contains('Tour orchard')",
            run: "click",
        },
        {
            content: "Its map shows the shape",
            trigger: ".o_field_coup_geojson_map .leaflet-container .leaflet-overlay-pane canvas",
        },
        {
            content: "and offers to walk it with the GPS",
            trigger: ".o_field_coup_geojson_map .o_coup_walk_start",
        },
    ],
});
