/** @odoo-module */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_capital_portal_tour", {
    url: "/my/capital",
    steps: () => [
        {
            content: "The member's shares and what is paid",
            trigger: ".o_coup_capital_shares:contains('2')",
        },
        {
            content: "The instalment still due",
            trigger: ".o_coup_capital_instalments .badge:contains('Paid')",
        },
        {
            content: "The certificate is listed",
            trigger: ".o_coup_capital_certificates a:contains('CERT/')",
        },
        {
            content: "Ask for one more share",
            trigger: ".o_coup_capital_request input[name=quantity]",
            run: "edit 1",
        },
        {
            content: "Send",
            trigger: ".o_coup_capital_request button[type=submit]",
            run: "click",
        },
        {
            content: "The request was sent",
            trigger: ".o_coup_capital_requested",
        },
    ],
});
