/** @odoo-module */
import { registry } from "@web/core/registry";

/**
 * A collector's delivery at 1366×768: the product is read in full and the amount is on screen
 * (records: tests/test_portal.py, TestDeliveryFormAt1366).
 */
function onScreen(el, what) {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 0 || rect.right > window.innerWidth + 1) {
        throw new Error(`${what} is off screen: ends at ${rect.right} of ${window.innerWidth} px`);
    }
}

registry.category("web_tour.tours").add("coup_delivery_form_tour", {
    steps: () => [
        {
            content: "The product is read in full",
            trigger: ".o_field_widget[name='line_ids'] .o_data_row td[name='product_id']:contains('Raw cashew nuts (tour)')",
            run() {
                if (this.anchor.scrollWidth > this.anchor.clientWidth + 1) {
                    throw new Error(`the product is cut: ${this.anchor.scrollWidth} px in ${this.anchor.clientWidth} px`);
                }
                onScreen(this.anchor, "the product");
            },
        },
        {
            content: "The payable weight, the price and the amount are on screen",
            trigger: ".o_field_widget[name='line_ids'] th[data-name='amount']",
            run() {
                onScreen(this.anchor, "the Amount column");
                for (const name of ["payable_kg", "price_kg", "gross_kg", "moisture"]) {
                    const th = document.querySelector(`.o_field_widget[name='line_ids'] th[data-name='${name}']`);
                    if (!th) {
                        throw new Error(`the ${name} column is missing`);
                    }
                    onScreen(th, `the ${name} column`);
                }
            },
        },
    ],
});
