/** @odoo-module **/

import { registry } from "@web/core/registry";

/**
 * What a member sees on a phone (390×844) and staff on a laptop (1366×768): not only that a
 * page loads, but that what matters is on screen. Records: tests/test_portal.py.
 */

function fitsTheScreen(el, what) {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 0 || rect.left < -1 || rect.right > window.innerWidth + 1) {
        throw new Error(`${what} is not on screen: ${rect.left}–${rect.right} of ${window.innerWidth} px`);
    }
}

function noSideScroll() {
    const page = document.scrollingElement || document.documentElement;
    if (page.scrollWidth > window.innerWidth + 1) {
        throw new Error(`the page is ${page.scrollWidth} px wide on a ${window.innerWidth} px screen`);
    }
}

registry.category("web_tour.tours").add("coup_portal_phone_tour", {
    url: "/my/coop",
    steps: () => [
        {
            // Odoo's portal header holds the cooperative's card; with Odoo's website installed
            // the cooperative's own footer holds its name, address and phone
            content: "The member's cooperative frames the page, on screen",
            trigger: ".o_coup_portal_company:contains('Coopérative Test de Kolondiéba'):contains('Route de Koutiala'), .o_coup_portal_footer:contains('Coopérative Test de Kolondiéba'):contains('Route de Koutiala')",
            run() {
                fitsTheScreen(this.anchor, "the cooperative's card");
                noSideScroll();
            },
        },
        {
            content: "Its phone can be called from the phone",
            trigger: ".o_coup_portal_company a[href='tel:+223 21 00 00 02'], .o_coup_portal_footer a[href='tel:+223 21 00 00 02']",
        },
        {
            content: "The latest booklet entries come newest first",
            trigger: ".o_coup_portal_booklet .o_coup_booklet_row:first:contains('Left')",
            run() {
                fitsTheScreen(this.anchor, "the booklet's first row");
            },
        },
        {
            content: "The booklet can be downloaded from the phone",
            trigger: "a.o_coup_portal_booklet_pdf",
            run() {
                fitsTheScreen(this.anchor, "the booklet's download button");
            },
        },
    ],
});

registry.category("web_tour.tours").add("coup_member_form_tour", {
    steps: () => [
        {
            content: "The member form has the booklet, on screen at 1366 px",
            trigger: ".o_form_view .o_form_statusbar button[name='action_coup_print_booklet']:visible",
            run() {
                fitsTheScreen(this.anchor, "the Booklet button");
            },
        },
        {
            content: "The member's name is shown",
            trigger: ".o_form_view .o_field_widget[name='partner_id']:contains('Aminata Coulibaly'), .o_form_view .o_field_widget[name='partner_id'] input:value('Aminata Coulibaly')",
        },
    ],
});
