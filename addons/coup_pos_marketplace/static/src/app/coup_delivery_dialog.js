/** @odoo-module */
import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";

/** A collection ticket done: what was recorded (or kept), the receipt to print or send. */
export class CoupDeliveryDialog extends Component {
    static template = "coup_pos_marketplace.DeliveryDialog";
    static components = { Dialog };
    static props = {
        title: String,
        body: String,
        print: Function,
        sendSms: { type: Function, optional: true },
        close: Function,
    };

    setup() {
        this.state = useState({ printed: false, smsSent: false });
    }

    async print() {
        await this.props.print();
        this.state.printed = true;
    }

    async sendSms() {
        await this.props.sendSms();
        this.state.smsSent = true;
    }
}
