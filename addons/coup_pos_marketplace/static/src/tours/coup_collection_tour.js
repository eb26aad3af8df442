/** @odoo-module */
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as NumberPopup from "@point_of_sale/../tests/tours/utils/number_popup_util";

import { registry } from "@web/core/registry";
import { scanKeys, simulatedScale } from "@coup_pos_coop/tours/coup_tour_utils";

export function weighBag(gross, tare) {
    const steps = [simulatedScale(tare), scanKeys("2000000000022")];
    if (tare) {
        // the empty bag on the scale, Tare, then the full bag
        steps.push(
            { content: "the empty bag weighs", trigger: `.modal .gross-weight:contains('${tare.toFixed(2)} kg')` },
            { content: "tare", trigger: ".modal button:contains('Tare')", run: "click" },
            { content: "the tare is taken", trigger: ".modal button:contains('Tare'):not(:has(.fa-spinner))" }
        );
    }
    steps.push(
        simulatedScale(gross),
        { content: "the full bag weighs", trigger: `.modal .gross-weight:contains('${gross.toFixed(2)} kg')` },
        { content: "the weight settles", trigger: ".modal .coup-scale-stable" },
        { content: "take the bag", trigger: ".modal .buy-product", run: "click" },
        { content: "the scale screen closes", trigger: "body:not(:has(.modal .buy-product))" }
    );
    return steps.flat();
}

/** Print the receipt from the delivery dialog (on a printer caught by the test) and read it. */
export function printedReceiptShows(...texts) {
    return [
        {
            content: "the receipt printer is caught",
            trigger: "body",
            run: () => {
                posmodel.printer.printHtml = async (el) => {
                    window.coupPrinted = el.textContent.replace(/\s+/g, " ");
                    return true;
                };
            },
        },
        { content: "print the receipt", trigger: ".modal .coup-print-receipt", run: "click" },
        {
            content: `the receipt shows ${texts.join(", ")}`,
            trigger: ".modal .coup-print-receipt:contains('Print Again')",
            run: () => {
                for (const text of texts) {
                    if (!(window.coupPrinted || "").includes(text)) {
                        throw new Error(`the receipt does not show "${text}": ${window.coupPrinted}`);
                    }
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("coup_pos_collection_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            scanKeys("0420100000012"),
            ProductScreen.customerIsSelected("Awa Collecte"),
            weighBag(52.5, 0.5),
            ProductScreen.selectedOrderlineHas("Raw cashew", "52"),
            weighBag(40, 0),
            ProductScreen.selectedOrderlineHas("Raw cashew", "40"),
            // the collector types 41 kg over the weight read: the line is flagged
            ProductScreen.clickNumpad("4", "1"),
            ProductScreen.selectedOrderlineHas("Raw cashew", "41"),
            // its moisture and grade
            { content: "quality of the bag", trigger: ".coup-quality-btn", run: "click" },
            NumberPopup.enterValue("10"),
            Dialog.confirm(),
            { content: "grade A", trigger: ".modal textarea", run: "edit A" },
            Dialog.confirm(),
            {
                content: "the bag shows its quality",
                trigger: ".orderline.selected:contains('moisture 10 %'):contains('grade A')",
            },
            ProductScreen.checkOrderlinesNumber(2),
            ProductScreen.clickPayButton(false),
            {
                content: "the delivery is recorded for the member, with its weight and price",
                trigger: ".modal-body:contains('Awa Collecte'):contains('93'):contains('typed weight is flagged')",
            },
            printedReceiptShows(
                "Awa Collecte (C-001)",
                "52.50 kg − 0.50 kg = 52.00 kg",
                "moisture 10 %",
                "grade A",
                "93.00 kg",
                "To pay",
                "/coup/verify/purchase/"
            ),
            Dialog.confirm("Done"),
            ProductScreen.orderIsEmpty(),
            Chrome.endTour(),
        ].flat(),
});
