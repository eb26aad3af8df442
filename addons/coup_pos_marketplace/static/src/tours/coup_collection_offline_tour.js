/** @odoo-module */
/* global posmodel */
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";

import { registry } from "@web/core/registry";
import { printedReceiptShows, weighBag } from "@coup_pos_marketplace/tours/coup_collection_tour";
import { scanKeys } from "@coup_pos_coop/tours/coup_tour_utils";

function registerMember(name, phone, village) {
    return [
        { content: "a producer the register does not have", trigger: ".coup-new-member-btn", run: "click" },
        { content: "name", trigger: ".modal input[name='name']", run: `edit ${name}` },
        { content: "phone", trigger: ".modal input[name='phone']", run: `edit ${phone}` },
        ...(village ? [{ content: "village", trigger: ".modal input[name='village']", run: `edit ${village}` }] : []),
        { content: "register", trigger: ".modal .btn-primary:contains('Register')", run: "click" },
    ];
}

function payKept(member) {
    return [
        ProductScreen.clickPayButton(false),
        {
            content: "the delivery is kept on the till",
            trigger: ".modal-body:contains('kept on this till')",
        },
        printedReceiptShows(member, "numbered when the network returns"),
        Dialog.confirm("Done"),
        ProductScreen.orderIsEmpty(),
    ].flat();
}

function queued(kind, count) {
    return {
        content: `the till keeps ${count} ${kind}(s)`,
        trigger: "body",
        run: () => {
            const items = posmodel.coupQueued(kind);
            if (items.length !== count) {
                throw new Error(`${items.length} ${kind}(s) kept, not ${count}`);
            }
        },
    };
}

registry.category("web_tour.tours").add("coup_pos_collection_offline_tour", {
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
            // a producer nobody registered yet
            registerMember("Fanta Diarra", "66 12 34 56", "Kléla"),
            {
                content: "the till shows the member waiting to be sent",
                trigger: ".coup-pending-member:contains('Fanta Diarra'):contains('not sent yet')",
            },
            weighBag(30, 0),
            payKept("Fanta Diarra"),
            // a member the till did not load: the card is checked against the register it keeps
            scanKeys("0420100000029"),
            {
                content: "the card stands for the member",
                trigger: ".coup-pending-member:contains('Moussa Horsligne'):contains('C-002'):contains('card checked offline')",
            },
            weighBag(20, 0),
            payKept("Moussa Horsligne (C-002)"),
            queued("collection", 2),
            queued("registration", 1),
            {
                content: "the network comes back: what was kept is sent",
                trigger: "body",
                run: async () => {
                    window.coupKept = {
                        collection: posmodel.coupQueued("collection"),
                        registration: posmodel.coupQueued("registration"),
                    };
                    posmodel.data.network.offline = false;
                    const call = posmodel.data.call;
                    window.coupCalls = [];
                    posmodel.data.call = (model, method, args) => {
                        window.coupCalls.push([method, args[1].length]);
                        return call.call(posmodel.data, model, method, args);
                    };
                    try {
                        await posmodel.coupSendQueuedTickets();
                    } finally {
                        posmodel.data.call = call;
                    }
                },
            },
            {
                content: "the kept tickets went in one batch, after the registration",
                trigger: "body",
                run: () => {
                    const calls = JSON.stringify(window.coupCalls);
                    if (calls !== JSON.stringify([["coup_pos_register_member", undefined],
                                                  ["coup_pos_record_collections", 2]])) {
                        throw new Error(`the till sent ${calls}`);
                    }
                },
            },
            queued("collection", 0),
            queued("registration", 0),
            {
                content: "the same sent again (the till never heard back)",
                trigger: "body",
                run: async () => {
                    for (const registration of window.coupKept.registration) {
                        await posmodel.data.call("coup.collection.registration",
                            "coup_pos_register_member", [posmodel.config.id, registration]);
                    }
                    for (const ticket of window.coupKept.collection) {
                        await posmodel.data.call("coup.purchase", "coup_pos_record_collection",
                            [posmodel.config.id, ticket]);
                    }
                },
            },
            // online, a member registered again is found, not made twice
            registerMember("Awa Collecte", "76 00 00 01"),
            {
                content: "the collector is told she is a member already",
                trigger: ".o_notification:contains('already member C-001')",
            },
            ProductScreen.customerIsSelected("Awa Collecte"),
            Chrome.endTour(),
        ].flat(),
});
