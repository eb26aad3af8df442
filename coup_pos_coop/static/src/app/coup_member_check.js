/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";

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

    /** The register (card, name, number, state) kept in the browser to check cards offline. */
    async coupRefreshMemberIndex() {
        try {
            const rows = await this.data.call("pos.config", "coup_member_index", [
                [this.config.id],
            ]);
            window.localStorage.setItem(this.coupIndexKey, JSON.stringify(rows));
        } catch {
            // offline: keep the index of the last time online
        }
    },

    coupLookupCardOffline(code) {
        const rows = JSON.parse(window.localStorage.getItem(this.coupIndexKey) || "[]");
        return rows.find((row) => row[0] === code);
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
        const pricelistId = member
            ? this.config.coup_member_pricelist_id?.id
            : policy === "price" && this.config.coup_non_member_pricelist_id?.id;
        const pricelist = pricelistId && this.models["product.pricelist"].get(pricelistId);
        if (pricelist) {
            order.set_pricelist(pricelist);
        }
        return true;
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

patch(ProductScreen.prototype, {
    async _barcodePartnerAction(code) {
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
            const [, name, number, state] = row;
            this.notification.add(
                _t("Card of %(name)s (%(number)s), %(state)s member, checked offline.", {
                    name,
                    number,
                    state: STATE_LABELS[state] || state,
                }),
                { type: state === "active" ? "info" : "danger" }
            );
            return;
        }
        return super._barcodePartnerAction(...arguments);
    },
});
