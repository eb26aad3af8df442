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

/**
 * What a collector with a 1024×768 screen or a 10-inch tablet sees: each button of the till's
 * row labelled in full, inside the window, and a tap on it lands on it (not on a product of
 * the grid beside it).
 */
export function tillButtonsFit(partnerLabel) {
    return [
        {
            content: "every button of the row is labelled and can be tapped",
            // once the till's loading screen and the opening dialog are gone
            trigger: "body:not(:has(.pos-loader)):not(:has(.modal)) .control-buttons .coup-quality-btn",
            run: () => {
                const problems = [];
                const grid = document.querySelector(".rightpane").getBoundingClientRect();
                const buttons = [
                    [".control-buttons .set-partner", partnerLabel],
                    [".control-buttons .coup-new-member-btn", "New Member"],
                    [".control-buttons .coup-quality-btn", "Moisture & Grade"],
                    [".control-buttons .more-btn", "Actions"],
                ];
                for (const [selector, label] of buttons) {
                    const button = document.querySelector(selector);
                    if (!button) {
                        problems.push(`${selector} is missing`);
                        continue;
                    }
                    const box = button.getBoundingClientRect();
                    const text = button.innerText.replace(/\s+/g, " ").trim();
                    if (box.width < 90 || box.height < 44) {
                        problems.push(`${selector} is ${Math.round(box.width)}×${Math.round(box.height)} px`);
                    }
                    if (!text.includes(label)) {
                        problems.push(`${selector} reads "${text}" instead of "${label}"`);
                    }
                    for (const part of [button, ...button.querySelectorAll("*")]) {
                        if (part.scrollWidth > part.clientWidth + 1 && part.innerText.trim()) {
                            problems.push(`${selector}: "${part.innerText.trim()}" is cut`);
                            break;
                        }
                    }
                    if (box.left < 0 || box.bottom > window.innerHeight || box.right > grid.left + 1) {
                        problems.push(`${selector} stands outside the till's left pane (${Math.round(box.left)}–${Math.round(box.right)} px, grid from ${Math.round(grid.left)} px)`);
                    }
                    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                    if (!button.contains(hit)) {
                        problems.push(`a tap on ${selector} lands on ${hit?.className}`);
                    }
                }
                if (problems.length) {
                    throw new Error(problems.join("; "));
                }
            },
        },
    ];
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
            tillButtonsFit("Customer"),
            scanKeys("0420100000012"),
            ProductScreen.customerIsSelected("Awa Collecte"),
            tillButtonsFit("Awa Collecte"),
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
            {
                content: "grade A, its price named",
                trigger: ".modal .selection-item:contains('Grade A'):contains('360.00')",
                run: "click",
            },
            {
                content: "the bag shows its quality, its grade's price and the moisture deducted",
                trigger: ".orderline.selected:contains('moisture 10 %'):contains('grade A'):contains('2% of the weight deducted for moisture')",
            },
            ProductScreen.checkOrderlinesNumber(2),
            // 52 kg at the season's 350 and 41 kg less 2 % at grade A's 360: what the
            // delivery will be paid, not the product's sales price
            ProductScreen.totalAmountIs("32,664.80"),
            ProductScreen.clickPayButton(false),
            {
                content: "the delivery is recorded for the member at the amount the till showed",
                trigger: ".modal-body:contains('Awa Collecte'):contains('93'):contains('32,664.80'):contains('typed weight is flagged')",
            },
            printedReceiptShows(
                "Awa Collecte (C-001)",
                "52.50 kg − 0.50 kg = 52.00 kg",
                "moisture 10 %",
                "grade A",
                "93.00 kg",
                "Paid weight 92.18 kg",
                "the net weight less the moisture and foreign matter deducted",
                "To pay",
                "/coup/verify/purchase/"
            ),
            Dialog.confirm("Done"),
            ProductScreen.orderIsEmpty(),
            Chrome.endTour(),
        ].flat(),
});

/** A season priced by grade only (A, B): a bag left ungraded is asked for at payment. */
registry.category("web_tour.tours").add("coup_pos_collection_grade_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            scanKeys("0420100000012"),
            ProductScreen.customerIsSelected("Awa Collecte"),
            weighBag(30, 0),
            // not graded: the season has no price without a grade, the collector says which
            ProductScreen.clickPayButton(false),
            {
                content: "the collector is asked the bag's grade, each with its price",
                trigger: ".modal:contains('Grade of the Raw cashew bag') .selection-item:contains('Grade A'):contains('360.00')",
            },
            {
                content: "grade B",
                trigger: ".modal .selection-item:contains('Grade B'):contains('300.00')",
                run: "click",
            },
            {
                content: "the delivery is recorded at grade B's price: 30 kg × 300",
                trigger: ".modal-body:contains('Awa Collecte'):contains('9,000.00')",
            },
            Dialog.confirm("Done"),
            ProductScreen.orderIsEmpty(),
            Chrome.endTour(),
        ].flat(),
});
