/** @odoo-module */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_fieldbook_portal_tour", {
    url: "/my/parcels",
    steps: () => [
        {
            content: "The member's parcels are drawn on the map",
            trigger: ".o_coup_portal_map.o_coup_map_ready .leaflet-overlay-pane canvas, .o_coup_portal_map.o_coup_map_ready .leaflet-overlay-pane svg",
        },
        {
            content: "Each parcel names its crops",
            trigger: ".o_coup_parcel_list li:contains('Verger du marigot') .o_coup_parcel_crops:contains('Anacarde (portail)')",
        },
        {
            content: "Open the parcel",
            trigger: ".o_coup_parcel_list a:contains('Verger du marigot')",
            run: "click",
        },
        {
            content: "Past operations show their product and photo",
            trigger: ".o_coup_operations li:contains('NPK 15-15-15 (portail)') .o_coup_operation_photos img",
        },
        {
            content: "Choose the operation",
            trigger: "select[name=kind]",
            run: "select harvest",
        },
        {
            content: "Give the quantity harvested",
            trigger: "input[name=quantity]",
            run: "edit 420",
        },
        {
            content: "Add a note",
            trigger: "textarea[name=notes]",
            run: "edit Bonne récolte",
        },
        {
            content: "Record",
            trigger: ".o_coup_operation_form button[type=submit]",
            run: "click",
        },
        {
            content: "It is recorded and listed",
            trigger: ".o_coup_operation_saved",
        },
        {
            trigger: ".o_coup_operations li:contains('420.0 kg')",
        },
    ],
});
