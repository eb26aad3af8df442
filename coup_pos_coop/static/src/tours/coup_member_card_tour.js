/** @odoo-module */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("coup_pos_member_card_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // an active member's card: the member is on the ticket
            scan_barcode("0420100000012"),
            ProductScreen.customerIsSelected("Awa Caissière"),
            // a suspended member's card is refused, the ticket keeps its customer
            scan_barcode("0420100000029"),
            {
                content: "The suspended member is refused",
                trigger: ".modal-body:contains('Siaka Suspendu is a suspended member')",
            },
            Dialog.confirm("Ok"),
            ProductScreen.customerIsSelected("Awa Caissière"),
            Chrome.endTour(),
        ].flat(),
});
