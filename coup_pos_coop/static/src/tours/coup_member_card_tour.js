/** @odoo-module */
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import { registry } from "@web/core/registry";
import { networkDown, networkUp, scanKeys } from "./coup_tour_utils";

function memberPrice() {
    return {
        content: "the desk pad is at the member's price",
        trigger: ".order-container .orderline:has(.product-name:contains('Desk Pad')) .price:contains('1.50')",
    };
}

registry.category("web_tour.tours").add("coup_pos_member_card_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // a members-only shop: a ticket without a member is refused at payment
            ProductScreen.addOrderline("Desk Pad", "1"),
            ProductScreen.selectedOrderlineHas("Desk Pad", "1", "1.98"),
            ProductScreen.clickPayButton(false),
            {
                content: "the ticket without a member is refused, with the reason",
                trigger: ".modal-body:contains('sells to members only: scan the member')",
            },
            Dialog.confirm("Ok"),
            ProductScreen.isShown(),
            // an active member's card: the member is on the ticket, at the member's price
            scanKeys("0420100000012"),
            ProductScreen.customerIsSelected("Awa Caissière"),
            memberPrice(),
            // a suspended member's card is refused, the ticket keeps its customer
            scanKeys("0420100000029"),
            {
                content: "The suspended member is refused",
                trigger: ".modal-body:contains('Siaka Suspendu is a suspended member')",
            },
            // a product scanned while the refusal is open is not added behind it
            scanKeys("2000000000022", "a product scanned while the refusal is open", {
                dialogOpen: true,
            }),
            {
                content: "the scan is not used",
                trigger: ".o_notification:contains('Close the open window first')",
            },
            Dialog.confirm("Ok"),
            ProductScreen.checkOrderlinesNumber(1),
            ProductScreen.customerIsSelected("Awa Caissière"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // offline, the card of a member the till did not preload is checked in its register
            networkDown(),
            scanKeys("0420100000043"),
            ProductScreen.customerIsSelected("Bintou Membre"),
            ProductScreen.addOrderline("Desk Pad", "1"),
            memberPrice(),
            networkUp(),
            // online, a card the till did not preload: the member at once, from the register,
            // then the full contact from the server, the member's price kept
            scanKeys("0420100000050"),
            ProductScreen.customerIsSelected("Kadi Membre"),
            memberPrice(),
            {
                content: "the member's full contact came from the server",
                trigger: "body",
                run: async () => {
                    // fetched behind the scan: waited for, up to 10 s
                    for (let waited = 0; waited < 10000; waited += 100) {
                        const kadi = posmodel.models["res.partner"].find(
                            (partner) => partner.name === "Kadi Membre"
                        );
                        if (kadi?.email === "kadi@example.com") {
                            return;
                        }
                        await new Promise((resolve) => setTimeout(resolve, 100));
                    }
                    throw new Error("Kadi's contact was not fetched from the server");
                },
            },
        ].flat(),
});
