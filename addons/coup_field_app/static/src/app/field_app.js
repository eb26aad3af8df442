/** @odoo-module */
import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState } from "@odoo/owl";
import { BarcodeVideoScanner, isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { loadJS } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { FieldStore, newUuid } from "./db";
import { filterTrack, ringAreaHa, walkResult } from "./geo";
import { resizePhoto } from "./images";
import { jsonRpc, OfflineError } from "./net";
import { BATCH_SIZE, syncCaptures } from "./sync";
import { TILE_ZOOMS, WalkMap } from "./walk_map";

const SYNC_EVERY_MS = 5 * 60 * 1000;
const DEFAULT_BUDGET_MB = 200;
const DEFAULT_LIMITS = {
    max_accuracy_m: 10, point_max_ha: 4, photo_max_px: 1280, tiles_budget_mb: 50,
};
const MAX_LENGTH = { name: 128, phone: 32, village: 64, household: 64 };

const MAX_TILES = 3000;
// the decoder Odoo's barcode scanner loads where the phone has no BarcodeDetector
const ZXING_URL = "/web/static/lib/zxing-library/zxing-library.js";

/** The slippy-map tile holding a position at a zoom. */
function tileOf(lon, lat, z) {
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const rad = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    return [Math.max(0, Math.min(n - 1, x)), Math.max(0, Math.min(n - 1, y))];
}

function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * The field app: one root, one screen at a time. Everything the agent captures is written to
 * the phone's IndexedDB at once (with its client uuid) before anything else happens; the
 * network is only needed to prepare and to sync.
 */
export class FieldApp extends Component {
    static template = "coup_field_app.FieldApp";
    static props = { info: Object };
    static components = { BarcodeVideoScanner, WalkMap };

    setup() {
        this.store = new FieldStore(this.props.info.uid);
        this.cardInput = useRef("cardInput");
        this.state = useState({
            screen: "home",
            online: navigator.onLine,
            session: null,
            prepared: null,
            captures: [],
            storage: { usage: 0, quota: 0, budget: DEFAULT_BUDGET_MB * 1024 * 1024 },
            syncing: false,
            message: "",
            messageType: "info",
            busy: false,
            // prepare
            pick: { villages: [], segments: [] },
            // members
            search: "",
            // member form
            member: this.emptyMember(),
            memberErrors: {},
            editing: null,
            // walk
            walk: this.emptyWalk(),
            // operation
            operation: this.emptyOperation(),
            // attendance
            attendance: { activity_id: "", card: "", error: "", scanning: false },
            // the basemap's tiles kept by the service worker: {kept, bytes, over, missing}
            tiles: null,
        });
        this.positions = [];
        this.watchId = null;
        this.onOnline = () => {
            this.state.online = true;
            this.sync();
        };
        this.onOffline = () => {
            this.state.online = false;
        };
        this.onWorkerMessage = async (event) => {
            if (event.data?.type === "tiles") {
                const { kept, bytes, over, missing } = event.data;
                this.state.tiles = { kept, bytes, over, missing };
                await this.store.setPrepared(this.state.tiles, "tiles");
                await this.estimate();
            }
        };
        onWillStart(async () => {
            await this.load();
        });
        onMounted(() => {
            window.addEventListener("online", this.onOnline);
            window.addEventListener("offline", this.onOffline);
            navigator.serviceWorker?.addEventListener("message", this.onWorkerMessage);
            this.timer = setInterval(() => this.sync(), SYNC_EVERY_MS);
            // the test tours and the curious read the app's state from here
            window.coupFieldApp = this;
        });
        onWillUnmount(() => {
            window.removeEventListener("online", this.onOnline);
            window.removeEventListener("offline", this.onOffline);
            navigator.serviceWorker?.removeEventListener("message", this.onWorkerMessage);
            clearInterval(this.timer);
            this.stopWatch();
            this.stopScan();
        });
    }

    // ------------------------------------------------------------------ loading

    async load() {
        this.state.session = await this.store.getPrepared("session");
        this.state.prepared = await this.store.getPrepared("data");
        this.state.tiles = await this.store.getPrepared("tiles");
        await this.refreshCaptures();
        if (navigator.onLine) {
            try {
                const session = await jsonRpc("/coup_field/session");
                this.state.session = session;
                await this.store.setPrepared(session, "session");
            } catch (error) {
                if (!(error instanceof OfflineError)) {
                    this.notify(error.message, "danger");
                }
            }
        }
        if (this.state.session) {
            this.state.pick.villages = [...(this.state.prepared?.villages || [])];
            this.state.pick.segments = [...(this.state.prepared?.segment_ids || [])];
        }
        await this.estimate();
    }

    async refreshCaptures() {
        this.state.captures = await this.store.allCaptures();
    }

    async estimate() {
        if (navigator.storage?.estimate) {
            const { usage, quota } = await navigator.storage.estimate();
            this.state.storage.usage = usage || 0;
            this.state.storage.quota = quota || 0;
            this.state.storage.budget = Math.min(
                DEFAULT_BUDGET_MB * 1024 * 1024, quota || Infinity);
        }
        // ask the browser not to evict the captures when the phone is short of space
        navigator.storage?.persist?.();
    }

    get limits() {
        return { ...DEFAULT_LIMITS, ...(this.state.session?.limits || {}) };
    }

    get storageText() {
        const mb = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
        return _t("%(used)s MB used of %(budget)s MB", {
            used: mb(this.state.storage.usage), budget: mb(this.state.storage.budget),
        });
    }

    /** The map's tiles kept for the prepared area, and its own budget. */
    get tilesText() {
        const tiles = this.state.tiles;
        const budget = this.limits.tiles_budget_mb;
        if (!tiles) {
            return this.state.prepared?.basemap?.url_template
                ? _t("Map: keeping the tiles of the area (budget %(budget)s MB)…", { budget })
                : _t("Map: the cooperative has uploaded no basemap.");
        }
        const text = _t("Map: %(kept)s tiles kept, %(used)s MB of %(budget)s MB", {
            kept: tiles.kept, used: (tiles.bytes / (1024 * 1024)).toFixed(1), budget,
        });
        return tiles.over
            ? _t("%(text)s; %(over)s left out: the map's budget is reached.", {
                text, over: tiles.over,
            })
            : text;
    }

    get storagePercent() {
        const { usage, budget } = this.state.storage;
        return budget ? Math.min(100, Math.round((100 * usage) / budget)) : 0;
    }

    get counts() {
        const counts = { waiting: 0, accepted: 0, refused: 0, proposal: 0 };
        for (const capture of this.state.captures) {
            counts[capture.status] = (counts[capture.status] || 0) + 1;
        }
        return counts;
    }

    notify(message, type = "info") {
        this.state.message = message;
        this.state.messageType = type;
    }

    go(screen) {
        this.state.message = "";
        if (this.state.screen === "walk" && screen !== "walk") {
            this.stopWatch();
        }
        if (this.state.screen === "attendance") {
            this.stopScan();
        }
        this.state.screen = screen;
        if (screen === "attendance") {
            setTimeout(() => this.cardInput.el?.focus(), 0);
        }
    }

    // ------------------------------------------------------------------ prepare

    toggle(list, value) {
        const index = list.indexOf(value);
        if (index >= 0) {
            list.splice(index, 1);
        } else {
            list.push(value);
        }
    }

    async prepare() {
        const { villages, segments } = this.state.pick;
        if (!villages.length && !segments.length) {
            this.notify(_t("Pick at least one village or segment."), "warning");
            return;
        }
        this.state.busy = true;
        try {
            const data = await jsonRpc("/coup_field/prepare", {
                villages, segment_ids: segments,
            });
            data.villages = [...villages];
            data.segment_ids = [...segments];
            await this.store.setPrepared(data, "data");
            this.state.prepared = data;
            this.state.tiles = null;
            await this.keepTiles(data.basemap);
            if (!("BarcodeDetector" in window)) {
                // the card scanner's decoder, loaded while online (the service worker keeps
                // it too, for a reload in the field)
                await loadJS(ZXING_URL).catch(() => undefined);
            }
            await this.estimate();
            this.notify(_t("Ready for the field. Members: %(members)s, parcels: %(parcels)s.", {
                members: data.members.length, parcels: data.parcels.length,
            }), "success");
        } catch (error) {
            this.notify(error instanceof OfflineError
                ? _t("No network: prepare while you are online.")
                : error.message, "danger");
        } finally {
            this.state.busy = false;
        }
    }

    /**
     * The basemap's tiles over the prepared parcels, handed to the service worker to keep
     * (zoom 12 to 17, coarse first, at most MAX_TILES and within the map's budget: it answers
     * with what it kept, see onWorkerMessage).
     */
    async keepTiles(basemap) {
        if (!navigator.serviceWorker || !basemap?.url_template || !basemap.bounds) {
            return 0;
        }
        const [west, south, east, north] = basemap.bounds;
        const urls = [];
        for (let z = TILE_ZOOMS[0]; z <= TILE_ZOOMS[1] && urls.length < MAX_TILES; z++) {
            const [x0, y0] = tileOf(west, north, z);
            const [x1, y1] = tileOf(east, south, z);
            for (let x = x0; x <= x1 && urls.length < MAX_TILES; x++) {
                for (let y = y0; y <= y1 && urls.length < MAX_TILES; y++) {
                    urls.push(basemap.url_template.replace("{z}", z).replace("{x}", x)
                        .replace("{y}", y));
                }
            }
        }
        const registration = await navigator.serviceWorker.ready;
        registration.active?.postMessage({
            type: "tiles", urls, budget: this.limits.tiles_budget_mb * 1024 * 1024,
        });
        return urls.length;
    }

    // ------------------------------------------------------------------ members

    get newMembers() {
        return this.state.captures.filter((c) => c.kind === "member" && c.status !== "refused")
            .map((c) => ({
                id: false, uuid: c.uuid, name: c.payload.name, number: "",
                village: c.payload.village, household: c.payload.household, card: "",
                phone: c.payload.phone, isNew: true,
            }));
    }

    get allMembers() {
        return [...(this.state.prepared?.members || []), ...this.newMembers];
    }

    get foundMembers() {
        const words = this.state.search.trim().toLowerCase().normalize("NFD")
            .replace(/[\u0300-\u036f]/g, "").split(/\s+/).filter(Boolean);
        const members = this.allMembers;
        const found = !words.length ? members : members.filter((m) => {
            const text = [m.name, m.number, m.card, m.village, m.phone].join(" ").toLowerCase()
                .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
            return words.every((w) => text.includes(w));
        });
        return found.slice(0, 100);
    }

    memberKey(member) {
        return member.id ? `id:${member.id}` : `uuid:${member.uuid}`;
    }

    memberByKey(key) {
        return this.allMembers.find((m) => this.memberKey(m) === key);
    }

    // ------------------------------------------------------------------ member form

    emptyMember() {
        return { name: "", gender: "", birth_date: "", phone: "", village: "", household: "" };
    }

    newMember() {
        this.state.member = this.emptyMember();
        this.state.member.village = this.state.prepared?.villages?.[0] || "";
        this.state.memberErrors = {};
        this.state.editing = null;
        this.go("member_form");
    }

    /** The registry import's rules, on the phone: the server checks again at sync. */
    validateMember(values) {
        const errors = {};
        const name = values.name.trim().replace(/\s+/g, " ");
        if (!name) {
            errors.name = _t("The name is required.");
        }
        for (const [key, max] of Object.entries(MAX_LENGTH)) {
            if ((values[key] || "").length > max) {
                errors[key] = _t("At most %(max)s characters.", { max });
            }
        }
        if (values.birth_date) {
            const date = new Date(values.birth_date + "T00:00:00");
            const year = date.getFullYear();
            if (isNaN(date) || values.birth_date > today() || year < new Date().getFullYear() - 120) {
                errors.birth_date = _t("This birth date is not possible.");
            }
        }
        if (values.phone) {
            const digits = values.phone.replace(/[\s().-]/g, "");
            if (!/^\+?\d{6,15}$/.test(digits)) {
                errors.phone = _t("A phone number has 6 to 15 digits, with + before the country code.");
            }
        }
        if (values.gender && !["male", "female"].includes(values.gender)) {
            errors.gender = _t("Unknown gender.");
        }
        return { errors, values: { ...values, name } };
    }

    async saveMember() {
        const { errors, values } = this.validateMember(this.state.member);
        this.state.memberErrors = errors;
        if (Object.keys(errors).length) {
            this.notify(_t("Correct the fields in red."), "danger");
            return;
        }
        const corrected = Boolean(this.state.editing);
        await this.addCapture("member", values, { label: values.name });
        this.state.member = this.emptyMember();
        this.go(corrected ? "outbox" : "members");
        this.notify(_t("Member %(name)s saved on the phone.", { name: values.name }), "success");
    }

    // ------------------------------------------------------------------ captures

    async addCapture(kind, payload, extra = {}) {
        const replaced = this.state.editing;
        const capture = {
            uuid: newUuid(),
            kind,
            payload,
            status: "waiting",
            reason: "",
            created_at: new Date().toISOString(),
            batch: false,
            ...extra,
        };
        if (replaced) {
            // a corrected refusal: a new capture (the refused one changed nothing on the server)
            capture.replaces = replaced.uuid;
            await this.store.deleteCapture(replaced.uuid);
            this.state.editing = null;
        }
        await this.store.putCapture(capture);
        await this.refreshCaptures();
        this.estimate();
        if (navigator.onLine) {
            this.sync();
        }
        return capture;
    }

    kindLabel(kind) {
        return {
            member: _t("Member"),
            parcel: _t("Parcel"),
            operation: _t("Operation"),
            attendance: _t("Attendance"),
            answer: _t("Answer"),
        }[kind] || kind;
    }

    statusLabel(status) {
        return {
            waiting: _t("Waiting"),
            accepted: _t("Accepted"),
            refused: _t("Refused"),
            proposal: _t("Proposal to the office"),
        }[status] || status;
    }

    get outbox() {
        return [...this.state.captures].reverse();
    }

    editCapture(capture) {
        this.state.editing = capture;
        if (capture.kind === "member") {
            this.state.member = { ...this.emptyMember(), ...capture.payload };
            this.state.memberErrors = {};
            this.go("member_form");
        } else if (capture.kind === "operation") {
            this.state.operation = { ...this.emptyOperation(), ...capture.payload,
                parcel: capture.payload.parcel_id ? `id:${capture.payload.parcel_id}`
                    : `uuid:${capture.payload.parcel_uuid}`,
                photos: [...(capture.payload.photos || [])] };
            this.go("operation");
        } else if (capture.kind === "parcel") {
            // the walked shape kept: name, crop, declared area corrected, then saved again
            const payload = capture.payload;
            const geometry = payload.geometry;
            const areaHa = geometry.type === "Polygon" ? ringAreaHa(geometry.coordinates[0]) : 0;
            this.positions = [];
            this.keptTrack = geometry.type === "Polygon" ? geometry.coordinates[0] : [];
            this.state.walk = {
                ...this.emptyWalk(),
                member: payload.member_id ? `id:${payload.member_id}` : `uuid:${payload.member_uuid}`,
                parcel: payload.parcel_id ? String(payload.parcel_id) : "",
                name: payload.name || "",
                crop_id: payload.crop_id ? String(payload.crop_id) : "",
                dropped: payload.accuracy_dropped || 0,
                areaHa,
                asPoint: geometry.type === "Point",
                declared: payload.declared_area_ha ? String(payload.declared_area_ha) : "",
                result: { valid: true, areaHa, crossing: null, geometry },
            };
            this.go("walk");
        } else {
            this.resend(capture);
        }
    }

    async resend(capture) {
        await this.store.putCapture({ ...capture, status: "waiting", reason: "", batch: false });
        await this.refreshCaptures();
        this.sync();
    }

    async removeCapture(capture) {
        await this.store.deleteCapture(capture.uuid);
        await this.refreshCaptures();
    }

    // ------------------------------------------------------------------ sync

    async sync() {
        if (this.state.syncing || !navigator.onLine) {
            return;
        }
        if (!this.state.captures.some((c) => c.status === "waiting")) {
            return;
        }
        this.state.syncing = true;
        try {
            const batchSize = Number(window.localStorage.getItem("coup_field_batch_size")) ||
                BATCH_SIZE;
            const summary = await syncCaptures(this.store, {
                batchSize,
                onProgress: () => this.refreshCaptures(),
            });
            if (summary.offline) {
                this.notify(_t("The network was cut: what was not answered will be sent again."),
                    "warning");
            } else {
                this.notify(_t("Sent: %(accepted)s accepted, %(refused)s refused, %(proposals)s proposals.", {
                    accepted: summary.accepted, refused: summary.refused,
                    proposals: summary.proposals,
                }), summary.refused ? "warning" : "success");
            }
        } catch (error) {
            this.notify(error.message, "danger");
        } finally {
            this.state.syncing = false;
            await this.refreshCaptures();
        }
    }

    // ------------------------------------------------------------------ parcel walk

    emptyWalk() {
        return {
            member: "", parcel: "", name: "", crop_id: "", walking: false, kept: 0, dropped: 0,
            received: 0, accuracy: null, areaHa: null, result: null, asPoint: false, error: "",
            declared: "",
        };
    }

    openWalk() {
        this.state.walk = this.emptyWalk();
        this.go("walk");
    }

    openOperation() {
        this.state.operation = this.emptyOperation();
        this.go("operation");
    }

    startWalkFor(member) {
        this.state.walk = this.emptyWalk();
        this.state.walk.member = this.memberKey(member);
        this.go("walk");
    }

    get walkMemberParcels() {
        const key = this.state.walk.member;
        const member = key && this.memberByKey(key);
        if (!member || !member.id) {
            return [];
        }
        return (this.state.prepared?.parcels || []).filter((p) => p.member_id === member.id);
    }

    startWalk() {
        if (!("geolocation" in navigator)) {
            this.notify(_t("This phone gives no GPS position."), "danger");
            return;
        }
        this.positions = [];
        this.keptTrack = [];
        Object.assign(this.state.walk, {
            walking: true, kept: 0, dropped: 0, received: 0, result: null, areaHa: null,
            asPoint: false, error: "",
        });
        this.watchId = navigator.geolocation.watchPosition(
            (position) => this.onPosition(position),
            (error) => {
                this.state.walk.error = error.message;
            },
            { enableHighAccuracy: true, maximumAge: 0, timeout: 60000 }
        );
    }

    onPosition(position) {
        const { longitude, latitude, accuracy } = position.coords;
        this.positions.push({ lon: longitude, lat: latitude, accuracy });
        const { kept, dropped } = filterTrack(this.positions, {
            maxAccuracy: this.limits.max_accuracy_m,
        });
        const walk = this.state.walk;
        this.keptTrack = kept;
        walk.received = this.positions.length;
        walk.kept = kept.length;
        walk.dropped = dropped;
        walk.accuracy = Math.round(accuracy);
        walk.areaHa = kept.length >= 3 ? ringAreaHa(kept) : null;
    }

    stopWatch() {
        if (this.watchId !== null) {
            navigator.geolocation.clearWatch(this.watchId);
            this.watchId = null;
        }
    }

    stopWalk() {
        this.stopWatch();
        this.state.walk.walking = false;
        this.computeWalk();
    }

    computeWalk() {
        // a refused parcel being corrected has its shape and no positions
        const { kept, dropped } = this.positions.length || !this.keptTrack?.length
            ? filterTrack(this.positions, { maxAccuracy: this.limits.max_accuracy_m })
            : { kept: this.keptTrack.slice(0, -1), dropped: this.state.walk.dropped };
        const result = walkResult(kept, {
            pointMaxHa: this.limits.point_max_ha, asPoint: this.state.walk.asPoint,
        });
        Object.assign(this.state.walk, {
            kept: kept.length, dropped, result, areaHa: result.areaHa,
        });
    }

    setAsPoint(ev) {
        const walk = this.state.walk;
        walk.asPoint = ev.target.checked;
        this.computeWalk();
        if (walk.asPoint && !walk.declared && walk.areaHa >= 0.01) {
            // the EUDR's point stands for a declared area: the walked one to start with
            walk.declared = walk.areaHa.toFixed(2);
        }
    }

    get walkCanBePoint() {
        const area = this.state.walk.areaHa;
        return area !== null && area <= this.limits.point_max_ha;
    }

    get droppedLabel() {
        return _t("Dropped (accuracy over %(max)s m):", { max: this.limits.max_accuracy_m });
    }

    get accuracyText() {
        return _t("Last accuracy: %(accuracy)s m", { accuracy: this.state.walk.accuracy });
    }

    get validText() {
        return _t("The shape is valid: %(area)s ha.", { area: this.formatHa(this.state.walk.areaHa) });
    }

    get crossingText() {
        const crossing = this.state.walk.result?.crossing || {};
        return _t("The boundary crosses itself (sides %(edge)s and %(other)s): walk it again.", {
            edge: crossing.edge, other: crossing.other,
        });
    }

    get pointText() {
        return _t("Save as a point (%(max)s ha or less)", { max: this.limits.point_max_ha });
    }

    get preparedText() {
        const prepared = this.state.prepared;
        return _t("Members: %(members)s · parcels: %(parcels)s · %(villages)s", {
            members: prepared.members.length, parcels: prepared.parcels.length,
            villages: (prepared.villages || []).join(", "),
        });
    }

    formatHa(value) {
        return value === null || value === undefined ? "—" : value.toFixed(2);
    }

    async saveWalk() {
        const walk = this.state.walk;
        const member = walk.member && this.memberByKey(walk.member);
        if (!member) {
            this.notify(_t("Pick the member whose parcel this is."), "danger");
            return;
        }
        if (!walk.result?.valid) {
            this.notify(_t("This shape cannot be saved: walk the boundary again."), "danger");
            return;
        }
        const payload = {
            name: walk.name.trim() || _t("Parcel of %(member)s", { member: member.name }),
            geometry: walk.result.geometry,
            accuracy_dropped: walk.dropped,
        };
        if (walk.result.geometry.type === "Point") {
            const declared = Number(String(walk.declared).replace(",", "."));
            if (!(declared > 0 && declared <= this.limits.point_max_ha)) {
                this.notify(_t("A point needs the parcel's declared area: more than 0 and at most %(max)s ha.", {
                    max: this.limits.point_max_ha,
                }), "danger");
                return;
            }
            payload.declared_area_ha = declared;
        }
        if (member.id) {
            payload.member_id = member.id;
        } else {
            payload.member_uuid = member.uuid;
        }
        if (walk.crop_id) {
            payload.crop_id = Number(walk.crop_id);
        }
        const area = payload.declared_area_ha ?? walk.areaHa;
        const extra = { label: `${payload.name} · ${this.formatHa(area)} ha` };
        if (walk.parcel) {
            const parcel = this.walkMemberParcels.find((p) => String(p.id) === walk.parcel);
            payload.parcel_id = parcel.id;
            extra.base_write_date = parcel.write_date;
        }
        await this.addCapture("parcel", payload, extra);
        this.state.walk = this.emptyWalk();
        this.go("members");
        this.notify(_t("Parcel saved on the phone."), "success");
    }

    // ------------------------------------------------------------------ operations

    emptyOperation() {
        return { parcel: "", kind: "", date: today(), quantity: "", note: "", photos: [] };
    }

    get parcelChoices() {
        const members = new Map((this.state.prepared?.members || []).map((m) => [m.id, m]));
        const choices = (this.state.prepared?.parcels || []).map((p) => ({
            key: `id:${p.id}`,
            label: `${p.name} · ${members.get(p.member_id)?.name || ""}`,
        }));
        for (const capture of this.state.captures) {
            if (capture.kind === "parcel" && !capture.payload.parcel_id &&
                    capture.status !== "refused") {
                choices.push({ key: `uuid:${capture.uuid}`, label: `${capture.payload.name} *` });
            }
        }
        return choices;
    }

    async addPhotos(ev) {
        const files = [...(ev.target.files || [])];
        this.state.busy = true;
        try {
            for (const file of files) {
                const photo = await resizePhoto(file, this.limits.photo_max_px);
                this.state.operation.photos.push(photo.data);
            }
        } catch {
            this.notify(_t("This photo could not be read."), "danger");
        } finally {
            this.state.busy = false;
            ev.target.value = "";
        }
    }

    removePhoto(index) {
        this.state.operation.photos.splice(index, 1);
    }

    async saveOperation() {
        const op = this.state.operation;
        if (!op.parcel || !op.kind || !op.date) {
            this.notify(_t("Pick the parcel, what was done and the date."), "danger");
            return;
        }
        const quantity = Number(String(op.quantity).replace(",", "."));
        if (op.quantity !== "" && !(quantity >= 0)) {
            this.notify(_t("The quantity must be a positive number."), "danger");
            return;
        }
        const [how, ref] = op.parcel.split(":");
        const payload = { kind: op.kind, date: op.date, note: op.note, photos: [...op.photos] };
        if (op.quantity !== "") {
            payload.quantity = quantity;
        }
        if (how === "id") {
            payload.parcel_id = Number(ref);
        } else {
            payload.parcel_uuid = ref;
        }
        const kind = (this.state.prepared?.operation_kinds || []).find((k) => k.key === op.kind);
        await this.addCapture("operation", payload, {
            label: `${kind?.label || op.kind} · ${op.date}`,
        });
        this.state.operation = this.emptyOperation();
        this.go("home");
        this.notify(_t("Operation saved on the phone."), "success");
    }

    // ------------------------------------------------------------------ attendance

    get activities() {
        return this.state.prepared?.activities || [];
    }

    get activity() {
        return this.activities.find((a) => String(a.id) === String(this.state.attendance.activity_id));
    }

    capturesOf(kind, activityId) {
        return this.state.captures.filter((c) => c.kind === kind &&
            String(c.payload.activity_id) === String(activityId) && c.status !== "refused");
    }

    get present() {
        const activity = this.activity;
        if (!activity) {
            return [];
        }
        return this.capturesOf("attendance", activity.id).map((c) => c.label);
    }

    answerOf(invitee) {
        const activity = this.activity;
        const answers = this.capturesOf("answer", activity.id)
            .filter((c) => c.payload.partner_id === invitee.partner_id);
        if (answers.length) {
            return answers[answers.length - 1].payload.answer;
        }
        // the answer the office knew when the village was prepared (the activities' states)
        return { accepted: "yes", waiting: "yes", attended: "yes", declined: "no" }[
            invitee.state] || false;
    }

    isPresent(partnerId) {
        const activity = this.activity;
        return activity && this.capturesOf("attendance", activity.id)
            .some((c) => c.payload.partner_id === partnerId);
    }

    onCardKey(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            this.recordCard(this.state.attendance.card);
        }
    }

    async recordCard(raw) {
        const card = (raw || "").trim();
        const attendance = this.state.attendance;
        attendance.error = "";
        if (!card) {
            return;
        }
        const activity = this.activity;
        if (!activity) {
            attendance.error = _t("Pick the activity first.");
            return;
        }
        const member = (this.state.prepared?.members || []).find(
            (m) => m.card === card || m.number === card);
        if (member && this.isPresent(member.partner_id)) {
            attendance.error = _t("%(name)s is already marked present.", { name: member.name });
            attendance.card = "";
            return;
        }
        const payload = { activity_id: activity.id };
        if (member) {
            payload.partner_id = member.partner_id;
        } else {
            // a card the phone does not know: the server tells whose it is at sync
            payload.card = card;
        }
        await this.addCapture("attendance", payload, {
            label: member ? `${member.name} (${card})` : card,
        });
        attendance.card = "";
        this.notify(member ? _t("%(name)s is present.", { name: member.name })
            : _t("Card %(card)s recorded: checked at sync.", { card }), "success");
        this.cardInput.el?.focus();
    }

    async answer(invitee, value) {
        const activity = this.activity;
        await this.addCapture("answer", {
            activity_id: activity.id, partner_id: invitee.partner_id, answer: value,
        }, { label: `${invitee.name}: ${value === "yes" ? _t("Yes") : _t("No")}` });
    }

    /**
     * Odoo's own scanner (``@web/core/barcode``): the phone's BarcodeDetector where it has
     * one, else ZXing, shipped with Odoo (Chromium on Linux and many cheap Android phones
     * have no BarcodeDetector).
     */
    get canScan() {
        return isBarcodeScannerSupported();
    }

    startScan() {
        this.state.attendance.error = "";
        this.state.attendance.scanning = true;
    }

    async onScanned(code) {
        if (this.state.attendance.scanning) {
            await this.recordCard(code);
        }
    }

    onScanError(error) {
        this.stopScan();
        this.state.attendance.error = error.message;
    }

    stopScan() {
        this.state.attendance.scanning = false;
    }
}
