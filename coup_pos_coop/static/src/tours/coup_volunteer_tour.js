/** @odoo-module */
import * as PosHr from "@pos_hr/../tests/tours/utils/pos_hr_helpers";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_pos_volunteer_cashier_tour", {
    steps: () =>
        [
            Chrome.clickBtn("Open Register"),
            PosHr.loginScreenIsShown(),
            // the card of a member who is in no till group opens nothing
            scan_barcode("0420100000036"),
            {
                content: "the card opens no till",
                trigger: ".o_notification:contains('opens no till')",
            },
            PosHr.loginScreenIsShown(),
            // Awa, of the Saturday till group, opens the till with her member card
            scan_barcode("0420100000012"),
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
