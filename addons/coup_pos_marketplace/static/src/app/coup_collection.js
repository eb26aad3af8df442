/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { AlertDialog, ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError } from "@web/core/network/rpc";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { ScaleScreen } from "@point_of_sale/app/screens/scale_screen/scale_screen";
import { NumberPopup } from "@point_of_sale/app/utils/input_popups/number_popup";
import { TextInputPopup } from "@point_of_sale/app/utils/input_popups/text_input_popup";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";

/** The scale's gross weight and tare when the collector confirms a bag. */
patch(ScaleScreen.prototype, {
    confirm() {
        this.env.services.pos.coupLastWeighing = {
            gross: this.scale.weight,
            tare: this.scale.tare || 0,
            net: this.scale.netWeight,
        };
        return super.confirm(...arguments);
    },
});

/**
 * Collection mode: the till buys produce. Each bag is a line of its own (weighed on the scale,
 * or typed and then flagged), and "Payment" records the ticket as a delivery of the
 * marketplace instead of a sale. A ticket made with the network down is kept in the browser
 * and sent when it returns; the server records it once (the ticket's uuid).
 */
patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        if (this.config.coup_collection) {
            window.addEventListener("online", () => this.coupSendQueuedTickets());
            this.coupSendQueuedTickets().catch(() => {});
        }
    },

    get coupCollectionQueueKey() {
        return `coup_collection_queue_${this.config.id}`;
    },

    async addLineToCurrentOrder(vals, opts = {}, configure = true) {
        if (!this.config.coup_collection) {
            return super.addLineToCurrentOrder(...arguments);
        }
        this.coupLastWeighing = null;
        // one line per bag: a price given keeps Odoo from merging the lines
        const product =
            typeof vals.product_id === "number"
                ? this.models["product.product"].get(vals.product_id)
                : vals.product_id;
        const result = await super.addLineToCurrentOrder(
            { price_unit: product?.lst_price || 0, ...vals },
            opts,
            configure
        );
        const line = this.get_order()?.get_selected_orderline();
        if (line && this.coupLastWeighing) {
            line.uiState.coupWeighing = this.coupLastWeighing;
        }
        return result;
    },

    /** Moisture (and grade, if the season has several) of the selected bag. */
    async coupAskQuality() {
        const line = this.get_order()?.get_selected_orderline();
        if (!line) {
            return;
        }
        const moisture = await makeAwaitable(this.dialog, NumberPopup, {
            title: _t("Moisture (%) of this bag"),
            startingValue: line.uiState.coupMoisture ?? "",
        });
        if (moisture === undefined) {
            return;
        }
        const grade = await makeAwaitable(this.dialog, TextInputPopup, {
            title: _t("Grade (empty: the season's price)"),
            startingValue: line.uiState.coupGrade || "",
        });
        line.uiState.coupMoisture = moisture === "" ? undefined : parseFloat(moisture);
        line.uiState.coupGrade = (grade || "").trim();
        const parts = [];
        if (line.uiState.coupMoisture !== undefined) {
            parts.push(_t("moisture %s %%", line.uiState.coupMoisture));
        }
        if (line.uiState.coupGrade) {
            parts.push(_t("grade %s", line.uiState.coupGrade));
        }
        line.setNote(parts.join(", "));
    },

    coupCollectionTicket(order) {
        return {
            uuid: order.uuid,
            partner_id: order.get_partner()?.id,
            lines: order.lines.map((line) => {
                const weighing = line.uiState.coupWeighing;
                const read = weighing && Math.abs(weighing.net - line.qty) < 1e-6;
                return {
                    product_id: line.product_id.id,
                    gross_kg: read ? weighing.gross : line.qty,
                    tare_kg: read ? weighing.tare : 0,
                    source: read ? "scale" : "typed",
                    moisture: line.uiState.coupMoisture ?? null,
                    grade: line.uiState.coupGrade || null,
                };
            }),
        };
    },

    coupQueuedTickets() {
        return JSON.parse(window.localStorage.getItem(this.coupCollectionQueueKey) || "[]");
    },

    coupSetQueuedTickets(tickets) {
        window.localStorage.setItem(this.coupCollectionQueueKey, JSON.stringify(tickets));
    },

    /** Send the tickets kept while offline; each is recorded once whatever happens. */
    async coupSendQueuedTickets() {
        let tickets = this.coupQueuedTickets();
        const sent = [];
        for (const ticket of tickets) {
            try {
                sent.push(
                    await this.data.call("coup.purchase", "coup_pos_record_collection", [
                        this.config.id,
                        ticket,
                    ])
                );
            } catch (error) {
                if (error instanceof ConnectionLostError) {
                    break;
                }
                throw error;
            }
            tickets = tickets.filter((t) => t.uuid !== ticket.uuid);
            this.coupSetQueuedTickets(tickets);
        }
        return sent;
    },

    async pay() {
        if (!this.config.coup_collection) {
            return super.pay(...arguments);
        }
        const order = this.get_order();
        if (!order.get_partner()) {
            this.dialog.add(AlertDialog, {
                title: _t("No member"),
                body: _t("Scan the member's card first: produce is bought from members."),
            });
            return;
        }
        if (!order.lines.length) {
            return;
        }
        const ticket = this.coupCollectionTicket(order);
        let receipt;
        try {
            receipt = await this.data.call("coup.purchase", "coup_pos_record_collection", [
                this.config.id,
                ticket,
            ]);
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            this.coupSetQueuedTickets([...this.coupQueuedTickets(), ticket]);
        }
        const typedNote = receipt?.typed ? " " + _t("A typed weight is flagged.") : "";
        const title = receipt ? _t("Delivery %s recorded", receipt.name) : _t("Delivery kept");
        const body = receipt
            ? _t("%(member)s (%(number)s): %(kg)s kg, %(amount)s to pay.%(typed)s", {
                  member: receipt.member,
                  number: receipt.member_number,
                  kg: receipt.net_kg,
                  amount: this.env.utils.formatCurrency(receipt.amount),
                  typed: typedNote,
              })
            : _t("No network: the delivery is kept on this till and sent when the network returns.");
        if (receipt?.sms) {
            this.dialog.add(ConfirmationDialog, {
                title,
                body,
                confirmLabel: _t("Send the Receipt by SMS"),
                cancelLabel: _t("Done"),
                confirm: () =>
                    this.data.call("coup.purchase", "coup_pos_send_receipt_sms", [
                        this.config.id,
                        ticket.uuid,
                    ]),
                cancel: () => {},
            });
        } else {
            this.dialog.add(AlertDialog, { title, body });
        }
        this.removeOrder(order);
        this.add_new_order();
    },
});
