/** @odoo-module */
import { patch } from "@web/core/utils/patch";
import { PosOrder } from "@point_of_sale/app/models/pos_order";

/** The receipt names the member the ticket was made for, with their member number. */
patch(PosOrder.prototype, {
    export_for_printing() {
        const result = super.export_for_printing(...arguments);
        const partner = this.get_partner();
        if (partner?.coup_pos_member_number) {
            result.coupMember = {
                name: partner.name,
                number: partner.coup_pos_member_number,
                principal: partner.coup_pos_principal_name || "",
            };
        }
        result.coupPractice = Boolean(this.config.coup_practice);
        return result;
    },
});
