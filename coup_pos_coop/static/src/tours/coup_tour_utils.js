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

function isEditable(element) {
    return Boolean(element?.matches?.('input,textarea,[contenteditable="true"]'));
}

/**
 * A scanner as the till's browser sees it: a keyboard typing the code and Enter into whatever
 * has the focus (the product screen, the PIN field, a dialog), one key event after the other,
 * each with the default a real key has (the character lands in a field unless a listener
 * prevented it). Nothing here calls Odoo's barcode service.
 */
export function scanKeys(code, content = "", { dialogOpen = false } = {}) {
    return {
        content: content || `scan ${code}: keys typed into the focused element`,
        // the cashier scans once the screen is ready (no window closing, no loading)
        trigger: dialogOpen ? ".o_dialog .modal" : "body:not(:has(.o_dialog .modal)):not(:has(.pos-loader))",
        run: async () => {
            // Odoo's numpad takes every fast key in test mode (to let tours click its buttons
            // quickly) but drops a burst of keys in production, where it is a scan: the
            // production rule is restored while the scanner types.
            const { session } = odoo.loader.modules.get("@web/session");
            const testMode = session.test_mode;
            session.test_mode = false;
            // the browser of a busy test machine can pause between two keys longer than a
            // scanner's gap: the stand-in scanner's keys count as one burst whatever the pause
            const timing = odoo.loader.modules.get("@coup_pos_coop/app/coup_scanner")?.coupScanTiming;
            const gapMs = timing?.gapMs;
            if (timing) {
                timing.gapMs = 2000;
            }
            for (const key of [...code, "Enter"]) {
                let target = document.activeElement;
                if (!target?.isConnected) {
                    target = document.body;
                }
                const init = {
                    key,
                    code: key === "Enter" ? "Enter" : `Digit${key}`,
                    bubbles: true,
                    cancelable: true,
                    composed: true,
                };
                if (key === "Enter") {
                    window.coupScanEnterAt = performance.now();
                }
                const notPrevented = target.dispatchEvent(new KeyboardEvent("keydown", init));
                if (notPrevented) {
                    target.dispatchEvent(new KeyboardEvent("keypress", init));
                    if (key !== "Enter" && isEditable(target) && "value" in target) {
                        target.value += key;
                        target.dispatchEvent(
                            new InputEvent("input", { data: key, inputType: "insertText", bubbles: true })
                        );
                    }
                }
                target.dispatchEvent(new KeyboardEvent("keyup", init));
            }
            await new Promise((resolve) => setTimeout(resolve, 300));
            session.test_mode = testMode;
            if (timing) {
                timing.gapMs = gapMs;
            }
        },
    };
}

/**
 * The network cut for the till: every RPC sending tickets fails as a pulled cable makes it fail
 * (the request errors, Odoo raises its ConnectionLostError), and the browser says it is
 * offline. It stays cut across a reload of the tab (the page itself still loads: there is no
 * service worker in Odoo 18's till to serve it offline).
 */
const OFFLINE_FLAG = "coup_test_network_cut";
/** The page itself still loads after a reload: the till's data come with it. */
const KEPT_METHODS = ["pos.session/load_data", "/barcode.", "read_config_open_orders"];

function installNetworkCut() {
    if (window.coupNetworkCutInstalled) {
        return;
    }
    window.coupNetworkCutInstalled = true;
    const open = XMLHttpRequest.prototype.open;
    const send = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.open = function (method, url) {
        this.coupUrl = String(url);
        return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
        if (
            window.localStorage.getItem(OFFLINE_FLAG) &&
            this.coupUrl?.includes("/web/dataset/") &&
            !KEPT_METHODS.some((name) => this.coupUrl.includes(name))
        ) {
            setTimeout(() => this.dispatchEvent(new ProgressEvent("error")), 10);
            return;
        }
        return send.apply(this, arguments);
    };
}
if (window.localStorage.getItem(OFFLINE_FLAG)) {
    installNetworkCut();
}

export function networkDown() {
    return {
        content: "the network goes down",
        trigger: "body",
        run: () => {
            window.localStorage.setItem(OFFLINE_FLAG, "1");
            installNetworkCut();
            window.dispatchEvent(new Event("offline"));
        },
    };
}

export function networkUp() {
    return {
        content: "the network comes back",
        trigger: "body",
        run: () => {
            window.localStorage.removeItem(OFFLINE_FLAG);
            window.dispatchEvent(new Event("online"));
        },
    };
}
