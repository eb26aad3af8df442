/** @odoo-module */
import { Component, onMounted, useRef, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";

/** What a collector types of a producer the register does not have yet. */
export class CoupNewMemberDialog extends Component {
    static template = "coup_pos_marketplace.NewMemberDialog";
    static components = { Dialog };
    static props = { getPayload: Function, close: Function };

    setup() {
        this.state = useState({ name: "", phone: "", village: "", gender: "", national_id: "" });
        this.nameRef = useRef("name");
        onMounted(() => this.nameRef.el.focus());
    }

    confirm() {
        if (!this.state.name.trim()) {
            this.nameRef.el.focus();
            this.nameRef.el.classList.add("is-invalid");
            return;
        }
        this.props.getPayload({ ...this.state });
        this.props.close();
    }
}
