/** @odoo-module */
/* Attendance by the camera, with the network cut: the phone's camera is a real video stream
 * (a canvas's captureStream()) showing a member's card as a QR code, read by the app's decoder
 * (Odoo's barcode scanner: ZXing where the browser has no BarcodeDetector, as Chromium on
 * Linux); an answer collected on paper; both synced to the invitations when the network
 * returns. The test cuts Chrome's network when the tour logs "coup_field_app:offline". */
import { loadJS } from "@web/core/assets";
import { registry } from "@web/core/registry";
import { cutNetworkSteps, prepareVillageSteps, setNetwork } from "@coup_field_app/tours/tour_steps";

/** The camera replaced by a 640×480 video stream of a card whose QR code holds ``text``. */
async function cameraShowing(text) {
    await loadJS("/web/static/lib/zxing-library/zxing-library.js");
    const matrix = new window.ZXing.QRCodeWriter().encode(
        text, window.ZXing.BarcodeFormat.QR_CODE, 150, 150, new Map());
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const ctx = canvas.getContext("2d");
    const draw = () => {
        ctx.fillStyle = "#d8d2c0";  // the table the card lies on
        ctx.fillRect(0, 0, 640, 480);
        ctx.fillStyle = "#fff";  // the card
        ctx.fillRect(120, 140, 400, 200);
        ctx.fillStyle = "#000";
        const left = 320 - matrix.getWidth() / 2;
        const top = 240 - matrix.getHeight() / 2;
        for (let x = 0; x < matrix.getWidth(); x++) {
            for (let y = 0; y < matrix.getHeight(); y++) {
                if (matrix.get(x, y)) {
                    ctx.fillRect(left + x, top + y, 1, 1);
                }
            }
        }
    };
    draw();
    // a camera sends frames all the time: the canvas is painted again for each
    window.coupFieldCameraTimer = setInterval(draw, 100);
    const stream = canvas.captureStream(10);
    window.coupFieldCameraAsked = [];
    navigator.mediaDevices.getUserMedia = async (constraints) => {
        window.coupFieldCameraAsked.push(constraints);
        return stream;
    };
}

registry.category("web_tour.tours").add("coup_field_app_scan_tour", {
    steps: () => [
        ...prepareVillageSteps("Kléla", 2),
        ...cutNetworkSteps(),
        { trigger: ".o_cf_attendance_btn", run: "click" },
        {
            trigger: ".o_cf_activity",
            async run(actions) {
                const option = [...this.anchor.options].find((o) => o.text.includes("Réunion Kléla"));
                await actions.select(option.value);
            },
        },
        // the answers the office knew when the village was prepared
        { trigger: ".o_cf_invitee:contains(Awa Koné) .o_cf_answer_yes.o_cf_chosen" },
        { trigger: ".o_cf_invitee:contains(Moussa Traoré) .o_cf_answer_yes:not(.o_cf_chosen)" },
        {
            content: "the camera films Awa's member card",
            trigger: ".o_cf_scan",
            async run(actions) {
                if ("BarcodeDetector" in window) {
                    throw new Error("This browser has a BarcodeDetector: ZXing is not tested");
                }
                const awa = window.coupFieldApp.state.prepared.members.find(
                    (m) => m.name === "Awa Koné");
                await cameraShowing(awa.card);
                await actions.click();
            },
        },
        { trigger: ".o_cf_scanner video" },
        { trigger: ".o_cf_present_count:contains(1)" },
        { trigger: ".o_cf_present li:contains(Awa Koné)" },
        { trigger: ".o_cf_message_success:contains(Awa Koné)" },
        {
            content: "the same card still in front of the camera: not marked twice",
            trigger: ".o_cf_card_error:contains(Awa Koné)",
        },
        {
            trigger: ".o_cf_danger",
            async run(actions) {
                await actions.click();
                clearInterval(window.coupFieldCameraTimer);
                if (window.coupFieldCameraAsked[0]?.video?.facingMode !== "environment") {
                    throw new Error("The app did not ask for the back camera");
                }
            },
        },
        { trigger: ".o_cf_present_count:contains(1)" },
        // a card the phone does not know, typed: recorded, checked at sync
        { trigger: ".o_cf_card", run: "edit ZZ-404" },
        { trigger: ".o_cf_card_ok", run: "click" },
        { trigger: ".o_cf_present_count:contains(2)" },
        { trigger: ".o_cf_invitee:contains(Moussa Traoré) .o_cf_answer_yes", run: "click" },
        { trigger: ".o_cf_invitee:contains(Moussa Traoré) .o_cf_answer_yes.o_cf_chosen" },
        { trigger: ".o_cf_back", run: "click" },
        { trigger: ".o_cf_count_waiting:contains(3)" },
        {
            trigger: ".o_cf_offline",
            run: () => setNetwork(true),
        },
        { trigger: ".o_cf_count_waiting:contains(0)" },
        {
            content: "the scan and the answer accepted, the unknown card refused",
            trigger: ".o_cf_count_waiting:contains(0)",
            run() {
                const notAccepted = window.coupFieldApp.state.captures.filter(
                    (c) => c.status !== "accepted");
                if (notAccepted.length !== 1 || notAccepted[0].payload.card !== "ZZ-404") {
                    throw new Error(`Not accepted: ${JSON.stringify(
                        notAccepted.map((c) => [c.kind, c.status, c.reason, c.payload]))}`);
                }
            },
        },
        { trigger: ".o_cf_count_refused:contains(1)" },
        { trigger: ".o_cf_outbox_btn", run: "click" },
        { trigger: ".o_cf_capture_refused .o_cf_capture_reason:contains(ZZ-404)" },
        { trigger: ".o_cf_badge_accepted:contains(2)" },
    ],
});
