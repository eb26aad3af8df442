/** @odoo-module */
import { patch } from "@web/core/utils/patch";
import { ProductProduct } from "@point_of_sale/app/models/product_product";

/** The cashier finds a product by its brand as well as by its name or barcode. */
patch(ProductProduct.prototype, {
    get searchString() {
        const base = super.searchString;
        return this.coup_pos_brand_name ? `${base} ${this.coup_pos_brand_name}` : base;
    },
});
