/** @odoo-module */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";

import { registry } from "@web/core/registry";
import { scanKeys, simulatedScale } from "./coup_tour_utils";

registry.category("web_tour.tours").add("coup_pos_weighed_goods_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            scanKeys("0420100000012"),
            ProductScreen.customerIsSelected("Awa Caissière"),
            // the plain barcode of rice sold by weight opens the scale, it does not add 1 kg
            simulatedScale(0),
            scanKeys("2000000000015"),
            { content: "the scale is empty", trigger: ".modal .coup-scale-empty" },
            { content: "sell nothing", trigger: ".modal .buy-product", run: "click" },
            {
                content: "a weight of zero cannot be sold",
                trigger: ".o_notification:contains('nothing on the scale')",
            },
            simulatedScale(1.25),
            { content: "the rice is weighed", trigger: ".modal .gross-weight:contains('1.25 kg')" },
            { content: "the weight settles", trigger: ".modal .coup-scale-stable" },
            { content: "sell the rice", trigger: ".modal .buy-product", run: "click" },
            ProductScreen.selectedOrderlineHas("Riz local", "1.25"),
            // a pre-packed cheese: its weight is in the barcode
            scanKeys("2112345007502"),
            ProductScreen.selectedOrderlineHas("Fromage de chèvre", "0.75"),
            // a loaf of bread: its price is in the barcode
            scanKeys("2333333003454"),
            ProductScreen.selectedOrderlineHas("Pain au levain", "1", "3.45"),
            // the scale does not answer: nothing is added
            simulatedScale(false),
            scanKeys("2000000000015"),
            { content: "the till says the scale is missing", trigger: ".modal-body:contains('does not answer')" },
            Dialog.confirm("Ok"),
            ProductScreen.checkOrderlinesNumber(3),
            // an archived product's barcode is named
            scanKeys("5400000000010"),
            { content: "the archived product is named", trigger: ".modal-body:contains('Vieux savon')" },
            Dialog.confirm("Ok"),
            ProductScreen.checkOrderlinesNumber(3),
            // the cashier finds a product by its brand
            ProductScreen.searchProduct("chevrerie"),
            ProductScreen.productIsDisplayed("Fromage de chèvre"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Bank"),
            PaymentScreen.clickValidate(),
            {
                content: "the receipt names the member",
                trigger: ".pos-receipt .coup-receipt-member:contains('Awa Caissière'):contains('T-001')",
            },
            Chrome.endTour(),
        ].flat(),
});
