/** @odoo-module */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { registry } from "@web/core/registry";
import { BarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_service";

/** A scanner types a whole code in a few ms; a person's keys come tens of ms apart. */
export const COUP_SCAN_GAP_MS = 40;
/** The gap in use: the tours' stand-in scanner widens it while it types, as a machine
 * running the tests beside others can pause the browser longer than a scanner's key gap. */
export const coupScanTiming = { gapMs: COUP_SCAN_GAP_MS };
const COUP_SCAN_MIN_LENGTH = 6;

function isEditable(element) {
    return Boolean(element?.matches?.('input,textarea,[contenteditable="true"]'));
}

/**
 * A scanner is a keyboard: it types the code into whatever has the focus and presses Enter.
 * Odoo's barcode service ignores keys typed into a field, so a card scanned while the PIN field
 * of the badge login (or a search box, a dialog's field) has the focus became a wrong PIN.
 * This listener, before every other, recognises a code typed at scanner speed into a field,
 * gives the field its text back and hands the code to the barcode service as any scan.
 */
export const coupScannerService = {
    dependencies: ["barcode"],
    start(env, { barcode }) {
        let burst = null;
        const reset = () => (burst = null);
        window.addEventListener(
            "keydown",
            (ev) => {
                const target = ev.target;
                if (
                    !isEditable(target) ||
                    target.dataset?.enableBarcode ||
                    target.getAttribute("barcode_events") === "true"
                ) {
                    return reset();
                }
                const now = performance.now();
                const printable = ev.key?.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey;
                if (printable) {
                    if (!burst || burst.target !== target || now - burst.last > coupScanTiming.gapMs) {
                        burst = { target, chars: "", before: target.value, last: now };
                    }
                    burst.chars += ev.key;
                    burst.last = now;
                    return;
                }
                if (
                    ev.key === "Enter" &&
                    burst &&
                    burst.target === target &&
                    now - burst.last <= coupScanTiming.gapMs &&
                    burst.chars.length >= COUP_SCAN_MIN_LENGTH
                ) {
                    ev.preventDefault();
                    ev.stopImmediatePropagation();
                    const { chars, before } = burst;
                    reset();
                    if ("value" in target) {
                        target.value = before;
                        target.dispatchEvent(new Event("input", { bubbles: true }));
                    }
                    barcode.bus.trigger("barcode_scanned", { barcode: chars, target });
                    return;
                }
                if (ev.key !== "Shift") {
                    reset();
                }
            },
            true
        );
        return {};
    },
};

registry.category("services").add("coup_scanner", coupScannerService);

/** Whether the till is a cooperative's (members, volunteers, collection point): Odoo's other
 * tills keep Odoo's own behaviour. */
function isCoopTill() {
    const config = window.posmodel?.config;
    if (!config) {
        return false;
    }
    return Boolean(
        (config.coup_member_policy && config.coup_member_policy !== "open") ||
            config.coup_member_pricelist_id ||
            config.coup_work_group_ids?.length ||
            config.coup_collection
    );
}

/**
 * A scan while a message is open (a refusal, the scale, a question) is not for the screen
 * behind it: nothing is added to a ticket the cashier cannot see; the cashier is told.
 * On a cooperative's till only: Odoo's own tills (and Odoo's tours, which scan while the
 * session-opening dialog closes) keep Odoo's behaviour.
 */
patch(BarcodeReader.prototype, {
    async _scan(code) {
        const openDialog = document.querySelector(".o_dialog:not(.o_inactive_modal) .modal");
        if (code && openDialog && !this.exclusiveCbMap && isCoopTill()) {
            this.notification.add(_t("Close the open window first, then scan again."), {
                type: "warning",
                title: _t("Scan %s not used", code),
            });
            return;
        }
        return super._scan(...arguments);
    },
});
