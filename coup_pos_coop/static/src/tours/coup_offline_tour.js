/** @odoo-module */
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

/** How many tickets of the open session the server has, asked outside the till's network. */
async function serverOrderCount() {
    const response = await fetch("/web/dataset/call_kw/pos.order/search_count", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
            jsonrpc: "2.0",
            method: "call",
            params: {
                model: "pos.order",
                method: "search_count",
                args: [[["session_id", "=", posmodel.session.id]]],
                kwargs: {},
            },
        }),
    });
    return (await response.json()).result;
}

function serverHas(count) {
    return {
        content: `the server has ${count} tickets of this session`,
        trigger: "body",
        run: async () => {
            for (let attempt = 0; attempt < 50; attempt++) {
                if ((await serverOrderCount()) === count) {
                    return;
                }
                await new Promise((resolve) => setTimeout(resolve, 200));
            }
            throw new Error(`the server does not have ${count} tickets`);
        },
    };
}

function sell(product) {
    return [
        scan_barcode("0420100000012"),
        ProductScreen.customerIsSelected("Awa Caissière"),
        ProductScreen.addOrderline(product, "1"),
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Bank"),
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
        ReceiptScreen.clickNextOrder(),
    ].flat();
}

registry.category("web_tour.tours").add("coup_pos_offline_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            {
                content: "the network goes down",
                trigger: "body",
                run: () => {
                    posmodel.data.network.offline = true;
                },
            },
            sell("Desk Pad"),
            {
                content: "the cashier is told the ticket waits for the network",
                trigger: ".o_notification:contains('sent when the network returns')",
            },
            sell("Whiteboard Pen"),
            serverHas(0),
            {
                content: "the network comes back: the tickets are sent",
                trigger: "body",
                run: async () => {
                    posmodel.data.network.offline = false;
                    window.dispatchEvent(new Event("online"));
                    await posmodel.syncAllOrders();
                },
            },
            serverHas(2),
            {
                content: "the same tickets sent again (the till never heard back)",
                trigger: "body",
                run: async () => {
                    const orders = posmodel.models["pos.order"].filter((o) => o.finalized);
                    const payload = orders.map((o) => o.serialize({ orm: true }));
                    for (const order of payload) {
                        delete order.id;
                    }
                    await posmodel.data.call("pos.order", "sync_from_ui", [payload]);
                },
            },
            serverHas(2),
            Chrome.endTour(),
        ].flat(),
});
