/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { PosOrder } from "@point_of_sale/app/models/pos_order";

const STATE_LABELS = {
    candidate: _t("candidate"),
    active: _t("active"),
    suspended: _t("suspended"),
    resigned: _t("resigned"),
    excluded: _t("excluded"),
    deceased: _t("deceased"),
};

/**
 * Members at the till: a customer is checked against the cooperative's register when their
 * card is scanned or they are picked from the list. A suspended or resigned member, or a
 * non-member, is refused or sold to at the non-member price, as the shop configures.
 */
patch(PosStore.prototype, {
    async setup() {
        await super.setup(...arguments);
        this.coupRefreshMemberIndex();
    },

    get coupIndexKey() {
        return `coup_member_index_${this.config.id}`;
    },

    /**
     * The register (card, name, number, state) kept in the browser to check cards offline.
     * It is also kept in memory, by card: a card the till did not preload is found at once
     * instead of parsing the whole register (about 1 MB for 20,000 members) at each scan.
     */
    async coupRefreshMemberIndex() {
        try {
            const rows = await this.data.call("pos.config", "coup_member_index", [
                [this.config.id],
            ]);
            this.coupMemberIndex = new Map(rows.map((row) => [row[0], row]));
            // written when the till is idle, and only if it changed: writing 1 MB to the
            // browser's storage held the till for 0.4 s as it opened
            const write = () => {
                const text = JSON.stringify(rows);
                if (window.localStorage.getItem(this.coupIndexKey) !== text) {
                    window.localStorage.setItem(this.coupIndexKey, text);
                }
            };
            if (window.requestIdleCallback) {
                window.requestIdleCallback(write, { timeout: 10000 });
            } else {
                setTimeout(write, 0);
            }
        } catch {
            // offline: keep the index of the last time online
        }
    },

    coupLookupCardOffline(code) {
        if (!this.coupMemberIndex) {
            let rows = [];
            try {
                rows = JSON.parse(window.localStorage.getItem(this.coupIndexKey) || "[]");
            } catch {
                rows = [];
            }
            this.coupMemberIndex = new Map(rows.map((row) => [row[0], row]));
        }
        return this.coupMemberIndex.get(code);
    },

    /** Whether ``partner`` may buy at this till; refuses with a dialog, sets the pricelist. */
    coupCheckCustomer(partner) {
        const order = this.get_order();
        if (!partner || !order) {
            return true;
        }
        const policy = this.config.coup_member_policy || "open";
        const state = partner.coup_pos_member_state;
        const member = state === "active";
        if (!member && policy === "refuse") {
            this.dialog.add(AlertDialog, {
                title: _t("Not an active member"),
                body: state
                    ? _t("%(name)s is a %(state)s member: this shop sells to active members only.", {
                          name: partner.name,
                          state: STATE_LABELS[state] || state,
                      })
                    : _t("%s is not a member of the cooperative: this shop sells to members only.",
                          partner.name),
            });
            return false;
        }
        if (order.get_partner() === partner) {
            // the member was already on the ticket: make sure their price is too
            order.coupApplyMemberPricelist(partner);
        }
        return true;
    },

    /** A members-only shop: the reason why ``order`` cannot be paid, or ``""``. */
    coupPaymentRefusal(order) {
        if ((this.config.coup_member_policy || "open") !== "refuse" || !order) {
            return "";
        }
        const partner = order.get_partner();
        if (!partner) {
            return _t(
                "This shop sells to members only: scan the member's card or pick the member before payment."
            );
        }
        if (partner.coup_pos_member_state !== "active") {
            return _t("%s is not an active member: this shop sells to active members only.",
                partner.name);
        }
        return "";
    },

    coupRefusePayment(order) {
        const reason = this.coupPaymentRefusal(order);
        if (reason) {
            this.dialog.add(AlertDialog, { title: _t("Members only"), body: reason });
        }
        return Boolean(reason);
    },

    async pay() {
        if (this.coupRefusePayment(this.get_order())) {
            return;
        }
        return super.pay(...arguments);
    },

    async selectPartner() {
        const order = this.get_order();
        const before = order?.get_partner();
        const result = await super.selectPartner(...arguments);
        const after = order?.get_partner();
        if (after && after !== before && !this.coupCheckCustomer(after)) {
            order.set_partner(before || false);
        }
        return result;
    },
});

/**
 * The member's price by every way a member reaches the ticket (card, list, registration, a
 * ticket reloaded): Odoo's ``set_partner`` puts the customer's or the till's pricelist back,
 * so the member's pricelist is applied after it, inside it.
 */
patch(PosOrder.prototype, {
    updatePricelistAndFiscalPosition(newPartner) {
        super.updatePricelistAndFiscalPosition(...arguments);
        this.coupApplyMemberPricelist(newPartner);
    },

    coupApplyMemberPricelist(partner) {
        const config = this.config;
        if (!partner || !config) {
            return;
        }
        const policy = config.coup_member_policy || "open";
        const member = partner.coup_pos_member_state === "active";
        const pricelistId = member
            ? config.coup_member_pricelist_id?.id
            : policy === "price" && config.coup_non_member_pricelist_id?.id;
        const pricelist = pricelistId && this.models["product.pricelist"].get(pricelistId);
        if (pricelist && this.pricelist_id?.id !== pricelist.id) {
            this.set_pricelist(pricelist);
        }
    },
});

patch(PaymentScreen.prototype, {
    async validateOrder() {
        if (this.pos.coupRefusePayment(this.currentOrder)) {
            return;
        }
        return super.validateOrder(...arguments);
    },
});

patch(ProductScreen.prototype, {
    async _barcodePartnerAction(code) {
        if (
            !this.pos.config.coup_collection &&
            !this.pos.models["res.partner"].getBy("barcode", code.code)
        ) {
            const row = this.pos.coupLookupCardOffline(code.code);
            if (row && row[4]) {
                return this.coupMemberFromRegister(code, row);
            }
        }
        let partner;
        try {
            partner = await this._getPartnerByBarcode(code);
        } catch {
            partner = false;
        }
        if (partner) {
            if (this.pos.coupCheckCustomer(partner) && this.currentOrder.get_partner() !== partner) {
                this.currentOrder.set_partner(partner);
            }
            return;
        }
        const row = this.pos.coupLookupCardOffline(code.code);
        if (row) {
            // (a collection point keeps such a card on the ticket itself: coup_pos_marketplace)
            if (row[4] && !this.pos.config.coup_collection) {
                // the member was not preloaded: the till makes them known from its register
                const member = this.coupRegisterPartner(code, row);
                if (member && this.pos.coupCheckCustomer(member)) {
                    if (this.currentOrder.get_partner() !== member) {
                        this.currentOrder.set_partner(member);
                    }
                }
            }
            this.coupNotifyCheckedOffline(row);
            return;
        }
        return super._barcodePartnerAction(...arguments);
    },

    /**
     * A card of the register the till did not preload: the member is on the ticket at once,
     * from the register (Odoo asked the server first: a third of a second per card with
     * 20,000 members); the full contact is fetched behind and the ticket's pricelist and
     * fiscal position set again from it, as Odoo's ``set_partner`` does. The network down,
     * the register's word stands and the cashier is told.
     */
    async coupMemberFromRegister(code, row) {
        const member = this.coupRegisterPartner(code, row);
        const order = this.currentOrder;
        if (this.pos.coupCheckCustomer(member) && order.get_partner() !== member) {
            order.set_partner(member);
        }
        let found;
        try {
            found = await this.pos.data.searchRead("res.partner", [["barcode", "=", code.code]]);
        } catch {
            found = false;
        }
        if (!found || !found.length) {
            this.coupNotifyCheckedOffline(row);
            return;
        }
        if (order.get_partner() === member && !order.finalized) {
            if (this.pos.coupCheckCustomer(member)) {
                order.updatePricelistAndFiscalPosition(member);
            } else {
                order.set_partner(false);
            }
        }
    },

    /** The contact of a register's card, made known to the till if it was not. */
    coupRegisterPartner(code, row) {
        const [, name, number, state, partnerId] = row;
        let member = this.pos.models["res.partner"].get(partnerId);
        if (!member) {
            this.pos.models.loadData({
                "res.partner": [
                    {
                        id: partnerId,
                        name,
                        barcode: code.code,
                        coup_pos_member_number: number,
                        coup_pos_member_state: state,
                    },
                ],
            });
            member = this.pos.models["res.partner"].get(partnerId);
        }
        return member;
    },

    coupNotifyCheckedOffline(row) {
        const [, name, number, state] = row;
        this.notification.add(
            _t("Card of %(name)s (%(number)s), %(state)s member, checked offline.", {
                name,
                number,
                state: STATE_LABELS[state] || state,
            }),
            { type: state === "active" ? "info" : "danger" }
        );
    },
});
