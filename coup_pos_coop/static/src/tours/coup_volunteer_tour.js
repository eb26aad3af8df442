/** @odoo-module */
import * as PosHr from "@pos_hr/../tests/tours/utils/pos_hr_helpers";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import { scanKeys } from "./coup_tour_utils";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_pos_volunteer_cashier_tour", {
    steps: () =>
        [
            Chrome.clickBtn("Open Register"),
            PosHr.loginScreenIsShown(),
            {
                content: "the PIN field has the focus, as after Open Register",
                trigger: ".screen-login input[type=password]:focus",
            },
            // the card of a member who is in no till group opens nothing
            scanKeys("0420100000036", "a card typed by the scanner into the PIN field"),
            {
                content: "the card opens no till",
                trigger: ".o_notification:contains('opens no till')",
            },
            PosHr.loginScreenIsShown(),
            {
                content: "no wrong PIN: the field is as it was",
                trigger: ".screen-login input[type=password]",
                run: () => {
                    const field = document.querySelector(".screen-login input[type=password]");
                    if (field.value || [...document.querySelectorAll(".o_notification")].some((n) =>
                            n.textContent.includes("Wrong PIN")
                        )) {
                        throw new Error("the card was typed in as a PIN");
                    }
                },
            },
            // Awa, of the Saturday till group, opens the till with her member card
            scanKeys("0420100000012", "Awa's card typed by the scanner into the PIN field"),
            Dialog.confirm("Open Register"),
            ProductScreen.isShown(),
            PosHr.cashierNameIs("Awa Caissière"),
            {
                content: "the practice till says so",
                trigger: ".pos-leftheader .coup-practice-badge",
            },
            ProductScreen.addOrderline("Desk Pad", "2"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            {
                content: "the receipt says who served, and that it was practice",
                trigger: ".pos-receipt:contains('Served by Awa Caissière') .coup-receipt-practice",
            },
            Chrome.endTour(),
        ].flat(),
});
