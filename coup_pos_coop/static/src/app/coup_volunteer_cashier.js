/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { BarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_service";

/**
 * Volunteer cashiers open the till with their member card: on the login screen a card read by
 * Odoo's customer rule is tried as a cashier badge (the work group made the badge from the card).
 */
patch(BarcodeReader.prototype, {
    async _scan(code) {
        const loginMap = this.exclusiveCbMap;
        if (code && loginMap?.cashier && !loginMap.client) {
            let parsed;
            try {
                parsed = this.parser.parse_barcode(code);
            } catch {
                parsed = null;
            }
            if (parsed && !Array.isArray(parsed) && parsed.type === "client") {
                const employee = await loginMap.cashier({ ...parsed, type: "cashier" });
                if (!employee) {
                    this.notification.add(
                        _t(
                            "This card opens no till: the member must be in a work group of this till."
                        ),
                        { type: "warning", title: _t("Card %s", parsed.code) }
                    );
                }
                return;
            }
        }
        return super._scan(...arguments);
    },
});
