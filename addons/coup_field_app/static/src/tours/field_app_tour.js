/** @odoo-module */
/* The field app with the network really cut (the test switches Chrome's offline emulation when
 * the tour logs "coup_field_app:offline" / "coup_field_app:online"): prepare, capture offline,
 * reload offline, sync with a cut in the middle and the same batch sent twice, a conflict. */
import { registry } from "@web/core/registry";
import { cutNetworkSteps, prepareVillageSteps, setNetwork, waitFor } from "./tour_steps";

/** navigator.geolocation replaced by a recorded track (the test puts it in window). */
function replayTrack(name) {
    const positions = (window.coupFieldTracks || {})[name] || [];
    const fake = {
        watchPosition(success) {
            let index = 0;
            const next = () => {
                if (index >= positions.length) {
                    return;
                }
                const p = positions[index++];
                success({
                    coords: { longitude: p[0], latitude: p[1], accuracy: p[2] },
                    timestamp: Date.now(),
                });
                fake.timer = setTimeout(next, 2);
            };
            fake.timer = setTimeout(next, 2);
            return 1;
        },
        clearWatch() {
            clearTimeout(fake.timer);
        },
        getCurrentPosition() {},
    };
    Object.defineProperty(navigator, "geolocation", { value: fake, configurable: true });
    window.coupFieldTrackLength = positions.length;
}

async function photoInput(selector, width, height) {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#2e7d32";
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = "#ffeb3b";
    ctx.fillRect(width / 4, height / 4, width / 2, height / 2);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], "field.png", { type: "image/png" }));
    const input = document.querySelector(selector);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** The second call to /coup_field/sync reaches the server, but its answer is lost. */
function cutSecondSync() {
    const realFetch = window.fetch;
    let calls = 0;
    window.fetch = async (url, options) => {
        const response = await realFetch(url, options);
        if (String(url).includes("/coup_field/sync") && ++calls === 2) {
            window.fetch = realFetch;
            throw new TypeError("Failed to fetch (the test cut the network)");
        }
        return response;
    };
}

registry.category("web_tour.tours").add("coup_field_app_offline_tour", {
    steps: () => [
        ...prepareVillageSteps("Kléla", 3),
        {
            content: "the office changes a parcel after it was prepared",
            trigger: ".o_cf_message_success",
            async run() {
                const parcelId = window.coupFieldApp.state.prepared.parcels[0].id;
                await window.fetch("/web/dataset/call_kw/coup.parcel/write", {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: {
                        model: "coup.parcel", method: "write",
                        args: [[parcelId], { name: "Changed by the office" }], kwargs: {},
                    } }),
                });
                window.localStorage.setItem("coup_field_batch_size", "2");
                // the recorded walks (tests/data), served by the test through the browser
                const tracks = await window.fetch("/coup_field_app_test/gps_walks.json");
                window.coupFieldTracks = await tracks.json();
            },
        },
        ...cutNetworkSteps(),
        { trigger: ".o_cf_members_btn", run: "click" },
        // the office's changed parcel walked again: a conflict at sync
        {
            trigger: ".o_cf_member:contains(Moussa Traoré) .o_cf_member_walk",
            run(actions) {
                replayTrack("walk");
                return actions.click();
            },
        },
        {
            trigger: ".o_cf_walk_parcel",
            run(actions) {
                return actions.select(String(window.coupFieldApp.state.prepared.parcels[0].id));
            },
        },
        { trigger: ".o_cf_walk_start", run: "click" },
        {
            trigger: ".o_cf_walk_stop",
            async run(actions) {
                await waitFor(() => window.coupFieldApp.state.walk.received ===
                    window.coupFieldTrackLength, "the whole track");
                await actions.click();
            },
        },
        { trigger: ".o_cf_walk_save:enabled", run: "click" },
        // a new member, checked on the phone
        { trigger: ".o_cf_register_btn", run: "click" },
        { trigger: ".o_cf_member_name_input", run: "edit Awa Koné" },
        { trigger: ".o_cf_member_phone", run: "edit 12" },
        { trigger: ".o_cf_member_gender", run: "select female" },
        { trigger: ".o_cf_save_member", run: "click" },
        { trigger: ".o_cf_error_phone" },
        { trigger: ".o_cf_member_phone", run: "edit +223 76 12 34 56" },
        { trigger: ".o_cf_save_member", run: "click" },
        { trigger: ".o_cf_member_name:contains(Awa Koné)" },
        // a parcel walked with the recorded track: 7 poor positions dropped
        {
            trigger: ".o_cf_member:contains(Moussa Traoré) .o_cf_member_walk",
            run: "click",
        },
        {
            trigger: ".o_cf_walk_name",
            run(actions) {
                replayTrack("walk");
                return actions.edit("Champ du marigot");
            },
        },
        { trigger: ".o_cf_walk_start", run: "click" },
        {
            trigger: ".o_cf_walk_stop",
            async run(actions) {
                await waitFor(() => window.coupFieldApp.state.walk.received ===
                    window.coupFieldTrackLength, "the whole track");
                await actions.click();
            },
        },
        { trigger: ".o_cf_walk_dropped:contains(7)" },
        { trigger: ".o_cf_walk_valid:contains(2.9)" },
        {
            trigger: ".o_cf_walk_area",
            run() {
                const area = window.coupFieldApp.state.walk.areaHa;
                if (!(area > 2.9 && area < 3.05)) {
                    throw new Error(`The walked area is ${area} ha, not about 2.97 ha`);
                }
            },
        },
        { trigger: ".o_cf_walk_save", run: "click" },
        // a walk that crosses itself is not saved as a polygon; a small plot as a point
        { trigger: ".o_cf_back", run: "click" },
        { trigger: ".o_cf_walk_btn", run: "click" },
        {
            trigger: ".o_cf_walk_member",
            run(actions) {
                replayTrack("crossing");
                const key = [...document.querySelectorAll(".o_cf_walk_member option")]
                    .find((o) => o.textContent.includes("Awa Koné")).value;
                return actions.select(key);
            },
        },
        { trigger: ".o_cf_walk_start", run: "click" },
        {
            trigger: ".o_cf_walk_stop",
            async run(actions) {
                await waitFor(() => window.coupFieldApp.state.walk.received ===
                    window.coupFieldTrackLength, "the whole track");
                await actions.click();
            },
        },
        { trigger: ".o_cf_walk_crossing" },
        { trigger: ".o_cf_walk_save:disabled" },
        { trigger: ".o_cf_walk_point", run: "click" },
        { trigger: ".o_cf_walk_valid" },
        { trigger: ".o_cf_walk_save:enabled", run: "click" },
        { trigger: ".o_cf_message_danger:contains(declared area)" },
        { trigger: ".o_cf_walk_declared", run: "edit 1.5" },
        { trigger: ".o_cf_walk_save:enabled", run: "click" },
        { trigger: ".o_cf_message_success" },
        // a field operation with a photo made smaller on the phone
        { trigger: ".o_cf_back", run: "click" },
        { trigger: ".o_cf_operation_btn", run: "click" },
        {
            trigger: ".o_cf_op_parcel",
            run(actions) {
                return actions.select(`id:${window.coupFieldApp.state.prepared.parcels[0].id}`);
            },
        },
        { trigger: ".o_cf_op_kind", run: "select harvest" },
        { trigger: ".o_cf_op_quantity", run: "edit 350" },
        {
            trigger: ".o_cf_photo_btn",
            run: () => photoInput(".o_cf_op_photo", 3000, 2000),
        },
        {
            trigger: ".o_cf_photo img",
            async run() {
                const image = document.querySelector(".o_cf_photo img");
                await image.decode();
                if (Math.max(image.naturalWidth, image.naturalHeight) !== 1280) {
                    throw new Error(`Photo of ${image.naturalWidth}×${image.naturalHeight}`);
                }
                if (!image.src.startsWith("data:image/jpeg;base64,")) {
                    throw new Error("The photo is not a JPEG");
                }
            },
        },
        { trigger: ".o_cf_save_op", run: "click" },
        // the phone reloads the app with no network: the service worker brings it back
        { trigger: ".o_cf_count_waiting:contains(5)" },
        {
            trigger: ".o_cf_offline",
            run() {
                window.location.reload();
            },
        },
        {
            // still without network after the reload, as the phone is (Chrome's emulation of
            // it does not always outlive a reload: the test cuts it again)
            trigger: ".o_coup_field_app",
            async run() {
                await setNetwork(false);
            },
        },
        { trigger: ".o_coup_field_app .o_cf_offline" },
        { trigger: ".o_cf_count_waiting:contains(5)" },
        // the network comes back: batches of 2, the second one's answer lost on the way
        {
            trigger: ".o_cf_offline",
            async run() {
                cutSecondSync();
                await setNetwork(true);
            },
        },
        { trigger: ".o_cf_message_warning:contains(sent again)" },
        { trigger: ".o_cf_count_waiting:contains(3)" },
        { trigger: ".o_cf_sync_btn:enabled", run: "click" },
        { trigger: ".o_cf_count_waiting:contains(0)" },
        { trigger: ".o_cf_outbox_btn", run: "click" },
        { trigger: ".o_cf_capture_proposal .o_cf_capture_reason:contains(office)" },
        { trigger: ".o_cf_badge_proposal:contains(1)" },
        { trigger: ".o_cf_badge_accepted:contains(4)" },
        { trigger: ".o_cf_badge_refused:contains(0)" },
    ],
});

/* Attendance at a village meeting with no network: cards typed (a scanner types them too) and
 * answers collected on paper; an unknown card refused at sync, with its reason, and deleted. */
registry.category("web_tour.tours").add("coup_field_app_attendance_tour", {
    steps: () => [
        ...prepareVillageSteps("Kléla", 3),
        ...cutNetworkSteps(),
        // attendance: a known card typed (a scanner types it), an unknown one
        { trigger: ".o_cf_attendance_btn", run: "click" },
        { trigger: ".o_cf_activity", run: "select 1" },
        { trigger: ".o_cf_card", run: "edit KL-0001" },
        {
            trigger: ".o_cf_card",
            run() {
                this.anchor.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
            },
        },
        { trigger: ".o_cf_present_count:contains(1)" },
        { trigger: ".o_cf_card", run: "edit ZZ-404" },
        { trigger: ".o_cf_card_ok", run: "click" },
        { trigger: ".o_cf_present_count:contains(2)" },
        { trigger: ".o_cf_invitee:first .o_cf_answer_yes", run: "click" },
        { trigger: ".o_cf_invitee:first .o_cf_answer_yes.o_cf_chosen" },
        { trigger: ".o_cf_back", run: "click" },
        { trigger: ".o_cf_count_waiting:contains(3)" },
        {
            trigger: ".o_cf_offline",
            run: () => setNetwork(true),
        },
        { trigger: ".o_cf_count_waiting:contains(0)" },
        { trigger: ".o_cf_count_refused:contains(1)" },
        { trigger: ".o_cf_outbox_btn", run: "click" },
        { trigger: ".o_cf_capture_refused .o_cf_capture_reason:contains(ZZ-404)" },
        { trigger: ".o_cf_badge_accepted:contains(2)" },
        { trigger: ".o_cf_capture_refused .o_cf_capture_delete", run: "click" },
        { trigger: ".o_cf_badge_refused:contains(0)" },
        {
            content: "a point the server refused (no declared area), as a phone kept it",
            trigger: ".o_cf_badge_refused:contains(0)",
            async run() {
                const app = window.coupFieldApp;
                const member = app.state.prepared.members[0];
                await app.store.putCapture({
                    uuid: "0f0e0d0c-0b0a-4998-8776-554433221100", kind: "parcel",
                    payload: { member_id: member.id, name: "Jardin", accuracy_dropped: 0,
                               geometry: { type: "Point", coordinates: [-5.66, 11.68] } },
                    status: "refused", reason: "A parcel given as a point needs its declared area.",
                    created_at: new Date().toISOString(), batch: "old", label: "Jardin",
                });
                await app.refreshCaptures();
            },
        },
        { trigger: ".o_cf_capture_refused .o_cf_capture_edit", run: "click" },
        { trigger: ".o_cf_walk_valid" },
        { trigger: ".o_cf_walk_name:value(Jardin)" },
        { trigger: ".o_cf_walk_declared", run: "edit 0,8" },
        { trigger: ".o_cf_walk_save:enabled", run: "click" },
        { trigger: ".o_cf_message_success" },
        { trigger: ".o_cf_back", run: "click" },
        { trigger: ".o_cf_outbox_btn", run: "click" },
        { trigger: ".o_cf_badge_accepted:contains(3)" },
        { trigger: ".o_cf_badge_refused:contains(0)" },
    ],
});

/* The cooperative's basemap over the prepared area: its tiles kept by the service worker within
 * the map's budget (shown), then the walk's map drawn from them with the network cut. */
registry.category("web_tour.tours").add("coup_field_app_basemap_tour", {
    steps: () => [
        ...prepareVillageSteps("Kléla", 3),
        // the budget the test set leaves out the last tile of the finest zoom
        { trigger: ".o_cf_tiles:contains(tiles kept):contains(1 left out)" },
        ...cutNetworkSteps(),
        { trigger: ".o_cf_status .o_cf_tiles:contains(1 left out)" },
        { trigger: ".o_cf_members_btn", run: "click" },
        { trigger: ".o_cf_member:contains(Moussa Traoré) .o_cf_member_walk", run: "click" },
        {
            content: "the walk's map shows the kept tiles with no network",
            trigger: ".o_cf_map .leaflet-tile-loaded",
            run() {
                const loaded = document.querySelectorAll(".o_cf_map .leaflet-tile-loaded");
                console.log(`coup_field_app:tiles_shown ${loaded.length}`);
            },
        },
    ],
});
