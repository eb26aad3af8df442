/** @odoo-module */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_marketplace_portal_tour", {
    url: "/my/deliveries",
    steps: () => [
        {
            content: "The member's delivery is listed as unpaid",
            trigger: ".o_coup_deliveries li:contains('ACH/000001') .badge:contains('Unpaid')",
        },
        {
            content: "Open it",
            trigger: ".o_coup_deliveries a:contains('ACH/000001')",
            run: "click",
        },
        {
            content: "Its weight and the receipt",
            trigger: "#coup_portal_delivery:contains('400.0 kg') a:contains('Receipt (PDF)')",
        },
    ],
});
