/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { formatDateTime } from "@web/core/l10n/dates";
import { ConnectionLostError } from "@web/core/network/rpc";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { ScaleScreen } from "@point_of_sale/app/screens/scale_screen/scale_screen";
import { NumberPopup } from "@point_of_sale/app/utils/input_popups/number_popup";
import { SelectionPopup } from "@point_of_sale/app/utils/input_popups/selection_popup";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { ProductProduct } from "@point_of_sale/app/models/product_product";
import { qrCodeSrc, uuidv4 } from "@point_of_sale/utils";
import { CoupCollectionReceipt } from "./coup_collection_receipt";
import { CoupDeliveryDialog } from "./coup_delivery_dialog";
import { CoupNewMemberDialog } from "./coup_new_member_dialog";

const { DateTime } = luxon;

/**
 * What the till keeps while offline, and the server methods each goes to (registrations
 * first): one item, and a batch of them when the server takes batches.
 */
const COUP_QUEUES = {
    registration: ["coup.collection.registration", "coup_pos_register_member", null],
    collection: ["coup.purchase", "coup_pos_record_collection", "coup_pos_record_collections"],
};
/** Kept tickets sent in one request. */
const COUP_BATCH = 50;

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
 * At a collection point a bag asks for no lot number: the delivery makes its own lot when it
 * is recorded (Odoo's till would ask for one for each bag of lot-tracked produce).
 */
patch(ProductProduct.prototype, {
    isTracked() {
        return !this.models["pos.config"].getFirst()?.coup_collection && super.isTracked();
    },
});

/**
 * Collection mode: the till buys produce. Each bag is a line of its own (weighed on the scale,
 * or typed and then flagged), and "Payment" records the ticket as a delivery of the
 * marketplace instead of a sale. A ticket made with the network down is kept in the browser
 * and sent when it returns; the server records it once (the ticket's uuid). With the network
 * down the member is the card checked against the register kept in the browser, or a producer
 * registered at the till (sent with the ticket, made or found once by the server).
 */
patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        if (this.config.coup_collection) {
            window.addEventListener("online", () => this.coupSendQueuedTickets());
            this.coupSendQueuedTickets().catch(() => {});
        }
    },

    coupQueueKey(kind) {
        return `coup_${kind}_queue_${this.config.id}`;
    },

    async addLineToCurrentOrder(vals, opts = {}, configure = true) {
        if (!this.config.coup_collection) {
            return super.addLineToCurrentOrder(...arguments);
        }
        this.coupLastWeighing = null;
        // one line per bag at the season's price: a price given keeps Odoo from merging the
        // lines, and produce bought from a member carries no sales tax
        const product =
            typeof vals.product_id === "number"
                ? this.models["product.product"].get(vals.product_id)
                : vals.product_id;
        const result = await super.addLineToCurrentOrder(
            { price_unit: this.coupBagPrice(product, "") ?? 0, tax_ids: [], ...vals },
            opts,
            configure
        );
        const line = this.get_order()?.get_selected_orderline();
        if (line && this.coupLastWeighing) {
            line.uiState.coupWeighing = this.coupLastWeighing;
        }
        if (line && this.coupDefaultGrade(product) === undefined) {
            // the season prices this produce by grade only: its price waits for the grade
            line.setNote(_t("grade to choose"));
        }
        return result;
    },

    /** The season's price lines of ``product``: ``[[grade, price_kg], ...]`` ("" no grade). */
    coupSeasonPrices(product) {
        const season = this.config.coup_season;
        return ((season && season.prices) || [])
            .filter(([productId]) => productId === product?.id)
            .map(([, grade, price]) => [grade, price]);
    },

    /**
     * The grade a bag without one is paid at, as the server does: none if the season has a
     * price without grade, else its only grade; ``undefined`` when the collector must choose.
     */
    coupDefaultGrade(product) {
        const prices = this.coupSeasonPrices(product);
        if (!prices.length || prices.some(([grade]) => !grade)) {
            return "";
        }
        const grades = [...new Set(prices.map(([grade]) => grade))];
        return grades.length === 1 ? grades[0] : undefined;
    },

    /** Price per kg of ``product`` at ``grade`` (the price without grade fits every grade). */
    coupBagPrice(product, grade) {
        const prices = this.coupSeasonPrices(product);
        const chosen = grade || this.coupDefaultGrade(product) || "";
        const found =
            prices.find(([other]) => other === chosen) || prices.find(([other]) => !other);
        return found ? found[1] : undefined;
    },

    /**
     * The bag's line priced as the delivery will be: the season's price of its grade, and
     * the moisture above the season's standard deducted from the weight paid (shown as the
     * line's deduction, in per cent of the net weight).
     */
    coupPriceBag(line) {
        const season = this.config.coup_season;
        const price = this.coupBagPrice(line.product_id, line.uiState.coupGrade);
        if (price !== undefined) {
            line.set_unit_price(price);
        }
        const moisture = line.uiState.coupMoisture;
        const deducted =
            season && moisture !== undefined ? Math.max(0, moisture - season.moisture_standard) : 0;
        line.set_discount(deducted);
    },

    /** Ask the grade of a bag of ``product`` among the season's, with their prices. */
    async coupAskGrade(product, current) {
        const prices = this.coupSeasonPrices(product);
        if (!prices.length) {
            return "";
        }
        const list = prices.map(([grade, price], index) => ({
            id: index + 1,
            item: grade,
            label: grade ? _t("Grade %s", grade) : _t("No grade"),
            description: _t("%s per kg", this.env.utils.formatCurrency(price)),
            isSelected: grade === (current || ""),
        }));
        return makeAwaitable(this.dialog, SelectionPopup, {
            title: _t("Grade of the %s bag", product.display_name),
            list,
        });
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
        line.uiState.coupMoisture = moisture === "" ? undefined : parseFloat(moisture);
        const grades = this.coupSeasonPrices(line.product_id).filter(([grade]) => grade);
        if (grades.length) {
            const grade = await this.coupAskGrade(line.product_id, line.uiState.coupGrade);
            if (grade !== undefined) {
                line.uiState.coupGrade = grade;
            }
        }
        this.coupNoteBag(line);
    },

    /** The bag's quality written on its line, and its price. */
    coupNoteBag(line) {
        const parts = [];
        if (line.uiState.coupMoisture !== undefined) {
            parts.push(_t("moisture %s", `${line.uiState.coupMoisture} %`));
        }
        if (line.uiState.coupGrade) {
            parts.push(_t("grade %s", line.uiState.coupGrade));
        }
        line.setNote(parts.join(", "));
        this.coupPriceBag(line);
    },

    /**
     * Bags left without a grade in a season priced by grade only (several grades): the
     * collector picks their grade at payment instead of the whole delivery being refused.
     * Returns false when the collector closed the question.
     */
    async coupGradeUngradedBags(order) {
        for (const line of order.lines) {
            if (line.uiState.coupGrade || this.coupDefaultGrade(line.product_id) !== undefined) {
                continue;
            }
            const grade = await this.coupAskGrade(line.product_id, "");
            if (grade === undefined) {
                return false;
            }
            for (const other of order.lines) {
                if (other.product_id === line.product_id && !other.uiState.coupGrade) {
                    other.uiState.coupGrade = grade;
                    this.coupNoteBag(other);
                }
            }
        }
        return true;
    },

    /** The member of the ticket when the till has no partner record of them (offline). */
    coupPendingMember(order) {
        return !order.get_partner() && order.uiState.coupMember;
    },

    coupCollectionTicket(order) {
        const pending = this.coupPendingMember(order);
        return {
            uuid: order.uuid,
            partner_id: order.get_partner()?.id,
            card: (pending && pending.card) || undefined,
            new_member: (pending && pending.registration) || undefined,
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

    coupQueued(kind) {
        return JSON.parse(window.localStorage.getItem(this.coupQueueKey(kind)) || "[]");
    },

    coupSetQueued(kind, items) {
        window.localStorage.setItem(this.coupQueueKey(kind), JSON.stringify(items));
    },

    /** Send ``item`` (a ticket or a registration) now, or keep it for when the network is back. */
    async coupSendOrKeep(kind, item) {
        const [model, method] = COUP_QUEUES[kind];
        try {
            return await this.data.call(model, method, [this.config.id, item]);
        } catch (error) {
            if (!(error instanceof ConnectionLostError)) {
                throw error;
            }
            this.coupSetQueued(kind, [...this.coupQueued(kind), item]);
            return null;
        }
    },

    /**
     * Send what was kept while offline, registrations first; each is recorded once whatever
     * happens (a registration also travels inside its ticket). Tickets go in batches of
     * ``COUP_BATCH`` (one request and one numbering for each batch); a batch the server
     * refuses (one ticket cannot be recorded, the batch is all or nothing) is sent again
     * one ticket at a time, so that the others are recorded and the refused one is named.
     */
    async coupSendQueuedTickets() {
        const sent = [];
        for (const [kind, [model, method, batchMethod]] of Object.entries(COUP_QUEUES)) {
            let queue = this.coupQueued(kind);
            while (queue.length) {
                const batch = queue.slice(0, batchMethod ? COUP_BATCH : 1);
                let results;
                try {
                    results =
                        batch.length > 1
                            ? await this.data.call(model, batchMethod, [this.config.id, batch])
                            : [await this.data.call(model, method, [this.config.id, batch[0]])];
                } catch (error) {
                    if (error instanceof ConnectionLostError) {
                        return sent;
                    }
                    if (batch.length === 1) {
                        throw error;
                    }
                    // one at a time: the ones before the refused one are recorded
                    results = [];
                    for (const item of batch) {
                        try {
                            results.push(await this.data.call(model, method, [this.config.id, item]));
                        } catch (itemError) {
                            this.coupForgetQueued(kind, batch.slice(0, results.length));
                            sent.push(...results);
                            if (itemError instanceof ConnectionLostError) {
                                return sent;
                            }
                            throw itemError;
                        }
                    }
                }
                sent.push(...results);
                this.coupForgetQueued(kind, batch);
                queue = this.coupQueued(kind);
            }
        }
        return sent;
    },

    /** Forget the queued ``items`` of ``kind``, recorded by the server. */
    coupForgetQueued(kind, items) {
        const keys = new Set(items.map((item) => item.uuid || item.ref));
        this.coupSetQueued(
            kind,
            this.coupQueued(kind).filter((other) => !keys.has(other.uuid || other.ref))
        );
    },

    /** A producer the register does not have, registered by the collector (online or not). */
    async coupRegisterMember() {
        const order = this.get_order();
        const typed = await makeAwaitable(this.dialog, CoupNewMemberDialog, {});
        if (!typed || !order) {
            return;
        }
        const registration = {
            ...typed,
            ref: uuidv4(),
            registered_on: new Date().toISOString(),
        };
        const member = await this.coupSendOrKeep("registration", registration);
        if (!member) {
            order.set_partner(false);
            order.uiState.coupMember = { name: registration.name, registration };
            this.notification.add(
                _t("%s is registered on this till and sent when the network returns.",
                    registration.name),
                { type: "warning" }
            );
            return;
        }
        const [partner] = await this.data.read("res.partner", [member.partner_id]);
        order.uiState.coupMember = undefined;
        order.set_partner(partner);
        this.notification.add(
            member.outcome === "existing"
                ? _t("%(name)s is already member %(number)s: no one new was registered.", {
                      name: member.name,
                      number: member.member_number,
                  })
                : _t("%(name)s is registered as member %(number)s.", {
                      name: member.name,
                      number: member.member_number,
                  }),
            { type: "success" }
        );
        if (member.note) {
            this.notification.add(member.note, { type: "warning" });
        }
    },

    /** What the printed receipt shows: the server's record, or the ticket as kept offline. */
    coupReceiptData(order, ticket, receipt) {
        const partner = order.get_partner();
        const pending = this.coupPendingMember(order);
        const bags = ticket.lines.map((line, index) => ({
            product: order.lines[index].product_id.display_name,
            gross: line.gross_kg,
            tare: line.tare_kg,
            moisture: line.moisture,
            grade: line.grade,
            typed: line.source === "typed",
        }));
        return {
            coop: this.company.name,
            point: this.config.name,
            collector: this.get_cashier()?.name,
            number: receipt?.name,
            date: formatDateTime(DateTime.now()),
            member: receipt?.member || partner?.name || pending?.name,
            member_number:
                receipt?.member_number || partner?.coup_pos_member_number || pending?.number,
            bags,
            net_kg: receipt
                ? receipt.net_kg
                : bags.reduce((total, bag) => total + bag.gross - bag.tare, 0),
            payable_kg: receipt ? receipt.payable_kg : undefined,
            amount: receipt && this.env.utils.formatCurrency(receipt.amount),
            typed: bags.some((bag) => bag.typed),
            verify_url: receipt?.verify_url,
            qr: receipt?.verify_url && qrCodeSrc(receipt.verify_url, { size: 160 }),
        };
    },

    async pay() {
        if (!this.config.coup_collection) {
            return super.pay(...arguments);
        }
        const order = this.get_order();
        if (!order.get_partner() && !this.coupPendingMember(order)) {
            this.dialog.add(AlertDialog, {
                title: _t("No member"),
                body: _t("Scan the member's card first: produce is bought from members."),
            });
            return;
        }
        if (!order.lines.length || !(await this.coupGradeUngradedBags(order))) {
            return;
        }
        const ticket = this.coupCollectionTicket(order);
        const receipt = await this.coupSendOrKeep("collection", ticket);
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
        const data = this.coupReceiptData(order, ticket, receipt);
        this.dialog.add(CoupDeliveryDialog, {
            title,
            body,
            print: () =>
                this.printer.print(CoupCollectionReceipt, { data }, { webPrintFallback: true }),
            sendSms: receipt?.sms
                ? () =>
                      this.data.call("coup.purchase", "coup_pos_send_receipt_sms", [
                          this.config.id,
                          ticket.uuid,
                      ])
                : undefined,
        });
        this.removeOrder(order);
        this.add_new_order();
    },
});

/** With the network down, a member's card is checked against the register the till keeps. */
patch(ProductScreen.prototype, {
    async _barcodePartnerAction(code) {
        const result = await super._barcodePartnerAction(...arguments);
        const order = this.currentOrder;
        if (!this.pos.config.coup_collection || !order) {
            return result;
        }
        const partner = order.get_partner();
        order.uiState.coupMember = undefined;
        if (partner && partner.barcode === code.code) {
            return result;
        }
        const row = this.pos.coupLookupCardOffline(code.code);
        if (row && row[3] === "active") {
            // a member the till has not loaded, with the network down: the card stands for them
            order.set_partner(false);
            order.uiState.coupMember = { name: row[1], number: row[2], card: code.code };
        }
        return result;
    },
});
