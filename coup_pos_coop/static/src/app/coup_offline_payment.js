/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { serializeDateTime } from "@web/core/l10n/dates";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";

/** How often the till tries again to send the tickets it keeps (ms). */
export const COUP_RETRY_MS = 5000;

/**
 * Tickets paid with the network down. Odoo keeps its orders in IndexedDB through an effect that
 * runs later, and a closed tab can lose them or bring them back as drafts. Here, at payment, the
 * ticket as the server will record it (paid, with its payments) is written synchronously in the
 * browser's localStorage, the till's outbox, under the ticket's uuid. The outbox is sent by a
 * background retry, every few seconds and as soon as the browser says the network is back, with
 * no sale needed; a ticket leaves the outbox only when the server answered with its record.
 * The server records a ticket once per uuid (the registry's offline protocol,
 * ``coup.capture.ref``): a resend gets the record already made.
 */
patch(PosStore.prototype, {
    async setup() {
        this.coupOutboxCount = 0;
        await super.setup(...arguments);
        this.coupRestoreOutbox();
        this.coupRetryTimer = setInterval(() => this.coupFlushOutbox(), COUP_RETRY_MS);
        window.addEventListener("online", () => this.coupFlushOutbox());
        this.coupFlushOutbox();
    },

    get coupOutboxKey() {
        return `coup_pos_outbox_${this.config.id}`;
    },

    coupReadOutbox() {
        try {
            return JSON.parse(window.localStorage.getItem(this.coupOutboxKey) || "{}");
        } catch {
            return {};
        }
    },

    coupWriteOutbox(outbox) {
        window.localStorage.setItem(this.coupOutboxKey, JSON.stringify(outbox));
        this.coupOutboxCount = Object.keys(outbox).length;
    },

    /** Keep the paid ``order`` in the outbox: what the server will receive, as it is now. */
    coupKeepTicket(order) {
        order.recomputeOrderData();
        const payload = order.serialize({ orm: true });
        payload.state = order.state;
        const outbox = this.coupReadOutbox();
        outbox[order.uuid] = { payload, kept_at: serializeDateTime(luxon.DateTime.now()) };
        this.coupWriteOutbox(outbox);
    },

    /**
     * After a reload: a kept ticket that came back from IndexedDB is paid, not a draft to ring
     * the next customer onto.
     */
    coupRestoreOutbox() {
        const outbox = this.coupReadOutbox();
        this.coupOutboxCount = Object.keys(outbox).length;
        const kept = this.models["pos.order"].filter((order) => outbox[order.uuid]);
        for (const order of kept) {
            if (order.state === "draft") {
                order.state = "paid";
            }
        }
        if (kept.some((order) => order.uuid === this.selectedOrderUuid)) {
            this.selectNextOrder();
        }
    },

    /** Send the outbox; what the server recorded leaves it. */
    async coupFlushOutbox() {
        const outbox = this.coupReadOutbox();
        const uuids = Object.keys(outbox);
        if (!uuids.length || this.coupFlushing) {
            return;
        }
        this.coupFlushing = true;
        try {
            const data = await this.data.call(
                "pos.order",
                "sync_from_ui",
                [uuids.map((uuid) => outbox[uuid].payload)],
                { context: this.getSyncAllOrdersContext([]) }
            );
            const recorded = new Set((data["pos.order"] || []).map((order) => order.uuid));
            const missing = await this.data.missingRecursive(data);
            this.models.loadData(missing, [], false);
            const left = this.coupReadOutbox();
            for (const uuid of recorded) {
                delete left[uuid];
                const order = this.models["pos.order"].find((o) => o.uuid === uuid);
                if (order) {
                    this.removePendingOrder(order);
                }
            }
            this.coupWriteOutbox(left);
            if (this.data.network.offline) {
                this.data.network.offline = false;
                this.data.network.warningTriggered = false;
            }
        } catch {
            // still no network: the next try will send them
        } finally {
            this.coupFlushing = false;
        }
    },

    async syncAllOrders(options = {}) {
        // Every paid ticket goes through the outbox before it is sent: if the sending fails
        // or the tab closes meanwhile, the ticket is not lost.
        const { orderToCreate, orderToUpdate } = this.getPendingOrder();
        const orders = options.orders || [...orderToCreate, ...orderToUpdate];
        const paid = orders.filter((order) => order.isUnsyncedPaid);
        for (const order of paid) {
            this.coupKeepTicket(order);
        }
        const result = await super.syncAllOrders(...arguments);
        if (Array.isArray(result) && paid.length) {
            const outbox = this.coupReadOutbox();
            const recorded = new Set(result.map((order) => order.uuid));
            for (const order of paid) {
                if (recorded.has(order.uuid)) {
                    delete outbox[order.uuid];
                }
            }
            this.coupWriteOutbox(outbox);
        }
        return result;
    },
});

/**
 * A ticket paid with the network down: Odoo tries to send it, fails and goes on to the receipt
 * through an unhandled error. Known offline, the ticket is kept in the outbox straight away and
 * the cashier is told it will be sent when the network returns.
 */
patch(PaymentScreen.prototype, {
    async _finalizeValidation() {
        if (!this.pos.data.network.offline) {
            return super._finalizeValidation(...arguments);
        }
        const order = this.currentOrder;
        if (order.is_paid_with_cash() || order.get_change()) {
            this.hardwareProxy.openCashbox();
        }
        order.date_order = serializeDateTime(luxon.DateTime.now());
        order.state = "paid";
        this.pos.coupKeepTicket(order);
        this.env.services.notification.add(
            _t("No network: the ticket is kept on this till and sent when the network returns."),
            { type: "warning", title: _t("Offline") }
        );
        this.pos.showScreen(this.nextScreen);
    },
});
