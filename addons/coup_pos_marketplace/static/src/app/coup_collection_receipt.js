/** @odoo-module */
import { Component } from "@odoo/owl";

/** The receipt of a collection ticket, printed on the till's receipt printer (or the browser). */
export class CoupCollectionReceipt extends Component {
    static template = "coup_pos_marketplace.CollectionReceipt";
    static props = { data: Object };

    kg(value) {
        return (Math.round((value || 0) * 100) / 100).toFixed(2);
    }
}
