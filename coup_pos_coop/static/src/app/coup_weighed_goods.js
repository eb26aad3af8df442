/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { useService } from "@web/core/utils/hooks";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { ScaleScreen } from "@point_of_sale/app/screens/scale_screen/scale_screen";
import { PosScaleService } from "@point_of_sale/app/screens/scale_screen/scale_service";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";

/**
 * Weighed goods. Standard Odoo adds 1 kg when the plain barcode of a product sold by weight is
 * scanned, and adds 1 kg too when the scale screen is closed without a weight; here a weighed
 * product always goes through the scale, and only a stable weight above zero can be sold.
 */
patch(PosScaleService.prototype, {
    reset() {
        super.reset(...arguments);
        this.coupReadings = [];
    },

    async readWeight() {
        await super.readWeight(...arguments);
        this.coupReadings = [...(this.coupReadings || []).slice(-2), this.weight];
    },

    /** Two readings in a row give the same weight: the goods have stopped moving. */
    get coupIsStable() {
        const readings = this.coupReadings || [];
        return readings.length >= 2 && readings.at(-1) === readings.at(-2);
    },
});

patch(ScaleScreen.prototype, {
    setup() {
        super.setup(...arguments);
        this.notification = useService("notification");
    },

    confirm() {
        if (!(this.scale.netWeight > 0)) {
            this.notification.add(_t("There is nothing on the scale: put the goods on it."), {
                type: "danger",
                title: _t("No weight"),
            });
            return;
        }
        if (!this.scale.coupIsStable) {
            this.notification.add(_t("The weight is still moving: wait until it settles."), {
                type: "warning",
                title: _t("Unstable weight"),
            });
            return;
        }
        return super.confirm(...arguments);
    },
});

patch(PosStore.prototype, {
    async addLineToCurrentOrder(vals, opts = {}, configure = true) {
        let product = vals.product_id;
        if (typeof product === "number") {
            product = this.models["product.product"].get(product);
        }
        const weighOnScale =
            product?.to_weight &&
            configure &&
            vals.qty === undefined &&
            this.config.iface_electronic_scale &&
            product.isScaleAvailable;
        if (!weighOnScale) {
            return super.addLineToCurrentOrder(...arguments);
        }
        this.scale.setProduct(product, this.getProductPrice(product));
        const weight = await makeAwaitable(this.env.services.dialog, ScaleScreen);
        if (!weight || weight <= 0) {
            // the scale screen was closed, or the scale did not answer: nothing is sold
            return;
        }
        return super.addLineToCurrentOrder(
            { ...vals, product_id: product, qty: weight },
            { ...opts, coupWeighed: true },
            false
        );
    },
});

patch(ProductScreen.prototype, {
    async _barcodeProductAction(code) {
        const product = await this._getProductByBarcode(code);
        if (!product) {
            const archived = await this.pos.data
                .call("pos.config", "coup_archived_product_name", [
                    [this.pos.config.id],
                    code.base_code || code.code,
                ])
                .catch(() => false);
            if (archived) {
                this.dialog.add(AlertDialog, {
                    title: _t("Archived product"),
                    body: _t(
                        "%(product)s (barcode %(barcode)s) is archived: it can no longer be sold.",
                        { product: archived, barcode: code.code }
                    ),
                });
                return;
            }
        }
        // weight- or price-embedded barcodes carry their own quantity or price
        if (code.type !== "product" || !product?.to_weight) {
            return super._barcodeProductAction(...arguments);
        }
        if (!this.pos.config.iface_electronic_scale) {
            this.dialog.add(AlertDialog, {
                title: _t("Sold by weight"),
                body: _t(
                    "%s is sold by weight and this till has no scale: weigh it at a till with a scale, or use a label with its weight.",
                    product.display_name
                ),
            });
            return;
        }
        await this.pos.addLineToCurrentOrder({ product_id: product }, { code }, true);
        this.numberBuffer.reset();
    },
});
