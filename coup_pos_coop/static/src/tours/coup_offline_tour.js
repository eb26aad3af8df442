/** @odoo-module */
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import { refresh } from "@point_of_sale/../tests/tours/utils/common";
import { networkDown, networkUp, scanKeys } from "./coup_tour_utils";
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
        scanKeys("0420100000012", "the member's card is scanned"),
        ProductScreen.customerIsSelected("Awa Caissière"),
        ProductScreen.addOrderline(product, "1"),
        ProductScreen.clickPayButton(),
        PaymentScreen.clickPaymentMethod("Cash"),
        PaymentScreen.clickValidate(),
        {
            content: "the cashier is told the ticket waits for the network",
            trigger: ".o_notification:contains('sent when the network returns')",
        },
        ReceiptScreen.isShown(),
        ReceiptScreen.clickNextOrder(),
    ].flat();
}

function waiting(count) {
    return {
        content: `the till shows ${count} tickets waiting to be sent`,
        trigger: `.pos-leftheader .coup-outbox-badge:contains('${count} to send')`,
    };
}

registry.category("web_tour.tours").add("coup_pos_offline_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            networkDown(),
            sell("Desk Pad"),
            sell("Whiteboard Pen"),
            sell("Letter Tray"),
            waiting(3),
            serverHas(0),
            // the tab is reloaded with the network still down
            refresh(),
            ProductScreen.isShown(),
            waiting(3),
            // the next customer is not rung onto a kept ticket
            ProductScreen.orderIsEmpty(),
            {
                content: "no ticket of the till is a draft carrying payments",
                trigger: "body",
                run: () => {
                    const bad = posmodel.models["pos.order"].filter(
                        (o) => o.state === "draft" && o.payment_ids.length
                    );
                    if (bad.length) {
                        throw new Error(`${bad.length} drafts carry payments`);
                    }
                },
            },
            serverHas(0),
            // the network returns and the till stays idle: the tickets leave on their own
            networkUp(),
            serverHas(3),
            {
                content: "nothing waits any more",
                trigger: ".pos-leftheader:not(:has(.coup-outbox-badge))",
            },
            {
                content: "the same tickets sent again (the till never heard back)",
                trigger: "body",
                run: async () => {
                    const orders = posmodel.models["pos.order"].filter(
                        (o) => o.finalized && typeof o.id === "number"
                    );
                    const payload = orders.map((o) => o.serialize({ orm: true }));
                    for (const order of payload) {
                        delete order.id;
                    }
                    const result = await posmodel.data.call("pos.order", "sync_from_ui", [
                        payload,
                    ]);
                    const ids = result["pos.order"].map((o) => o.id).sort();
                    const expected = orders.map((o) => o.id).sort();
                    if (JSON.stringify(ids) !== JSON.stringify(expected)) {
                        throw new Error(`a resend returned ${ids}, not the records ${expected}`);
                    }
                },
            },
            serverHas(3),
        ].flat(),
});
