/** @odoo-module */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_marketplace_inputs_tour", {
    url: "/my/inputs",
    steps: () => [
        {
            content: "Order inputs",
            trigger: "a.o_coup_order_inputs",
            run: "click",
        },
        {
            content: "Three bags of fertiliser",
            trigger: ".o_coup_inputs_form label:contains('NPK 15-15-15') + div input",
            run: "edit 3",
        },
        {
            content: "Collected at the drop point",
            trigger: "select[name=place_id]",
            run: "selectByLabel Drop point (test)",
        },
        {
            content: "Send",
            trigger: ".o_coup_inputs_form button[type=submit]",
            run: "click",
        },
        {
            content: "The order waits for the cooperative",
            trigger: ".o_coup_inputs_ordered",
        },
        {
            trigger: ".o_coup_inputs li:contains('3 × NPK 15-15-15')",
        },
    ],
});
