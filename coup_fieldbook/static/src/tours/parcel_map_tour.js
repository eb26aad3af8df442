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
            content: "The map is as wide as the form, not a strip (1366 px screen)",
            trigger: ".o_field_coup_geojson_map .o_coup_map",
            run() {
                const width = this.anchor.getBoundingClientRect().width;
                if (width < window.innerWidth * 0.5) {
                    throw new Error(`the parcel's map is ${width} px wide on ${window.innerWidth} px`);
                }
            },
        },
        {
            content: "With no tiles and no basemap, the map says where to put one",
            trigger: ".o_field_coup_geojson_map .o_coup_map_note:contains('No basemap')",
        },
        {
            content: "An unknown planting year and number of trees are empty, not 0",
            trigger: ".o_field_widget[name='planting_year'] input",
            run() {
                const trees = document.querySelector(".o_field_widget[name='tree_count'] input");
                if (this.anchor.value !== "" || !trees || trees.value !== "") {
                    throw new Error(`planting year "${this.anchor.value}", trees "${trees?.value}"`);
                }
            },
        },
        {
            content: "and offers to walk it with the GPS",
            trigger: ".o_field_coup_geojson_map .o_coup_walk_start",
        },
    ],
});
