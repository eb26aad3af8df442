/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { serializeDateTime } from "@web/core/l10n/dates";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";

/**
 * A ticket paid with the network down: Odoo tries to send it, fails and goes on to the receipt
 * through an unhandled error. Known offline, the ticket is kept for later straight away and the
 * cashier is told it will be sent when the network returns.
 */
patch(PaymentScreen.prototype, {
    async _finalizeValidation() {
        if (!this.pos.data.network.offline) {
            return super._finalizeValidation(...arguments);
        }
        const order = this.currentOrder;
        if (order.is_paid_with_cash() || order.get_change()) {
            this.hardwareProxy.openCashbox();
        }
        order.date_order = serializeDateTime(luxon.DateTime.now());
        this.pos.addPendingOrder([order.id]);
        order.state = "paid";
        this.env.services.notification.add(
            _t("No network: the ticket is kept on this till and sent when the network returns."),
            { type: "warning", title: _t("Offline") }
        );
        this.pos.showScreen(this.nextScreen);
    },
});
