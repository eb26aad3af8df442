/** @odoo-module */
import { patch } from "@web/core/utils/patch";

/**
 * Tests have no scale: this step puts ``weight`` on a simulated one, read through Odoo's own
 * POS scale service (the hardware proxy is bypassed). ``false`` unplugs it.
 */
export function simulatedScale(weight) {
    return {
        content: `the simulated scale shows ${weight}`,
        trigger: "body",
        run: () => {
            const state = (window.coupTestScale = window.coupTestScale || {});
            if (!state.patched) {
                const { PosScaleService } = odoo.loader.modules.get(
                    "@point_of_sale/app/screens/scale_screen/scale_service"
                );
                patch(PosScaleService.prototype, {
                    _checkScaleIsConnected() {
                        if (window.coupTestScale.weight === false) {
                            throw new Error("The scale does not answer.");
                        }
                    },
                    async _getWeightFromScale() {
                        return window.coupTestScale.weight;
                    },
                });
                state.patched = true;
            }
            state.weight = weight;
        },
    };
}
