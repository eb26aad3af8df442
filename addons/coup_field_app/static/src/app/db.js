/** @odoo-module */
/**
 * The phone's own store (IndexedDB): what was prepared while online and every capture, kept
 * across reloads and reboots. One database per user of the phone.
 */
const VERSION = 1;

/** A capture as plain JSON: Owl's reactive proxies cannot be stored (structured clone). */
function plain(value) {
    return JSON.parse(JSON.stringify(value));
}

function promisify(request) {
    return new Promise((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
    });
}

export class FieldStore {
    constructor(uid) {
        this.name = `coup_field_app_${uid || 0}`;
        this.db = null;
    }

    async open() {
        if (this.db) {
            return this.db;
        }
        const request = indexedDB.open(this.name, VERSION);
        request.onupgradeneeded = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains("captures")) {
                const captures = db.createObjectStore("captures", { keyPath: "uuid" });
                captures.createIndex("status", "status");
            }
            if (!db.objectStoreNames.contains("prepared")) {
                db.createObjectStore("prepared", { keyPath: "key" });
            }
        };
        this.db = await promisify(request);
        return this.db;
    }

    async _store(name, mode = "readonly") {
        const db = await this.open();
        return db.transaction(name, mode).objectStore(name);
    }

    async getPrepared(key = "data") {
        const store = await this._store("prepared");
        const row = await promisify(store.get(key));
        return row ? row.value : null;
    }

    async setPrepared(value, key = "data") {
        const store = await this._store("prepared", "readwrite");
        await promisify(store.put({ key, value: plain(value) }));
    }

    async allCaptures() {
        const store = await this._store("captures");
        const rows = await promisify(store.getAll());
        return rows.sort((a, b) => (a.created_at < b.created_at ? -1 : 1));
    }

    async putCapture(capture) {
        const store = await this._store("captures", "readwrite");
        await promisify(store.put(plain(capture)));
        return capture;
    }

    /** Several captures in one transaction: a batch's results are kept together or not. */
    async putCaptures(captures) {
        const db = await this.open();
        const tx = db.transaction("captures", "readwrite");
        const store = tx.objectStore("captures");
        for (const capture of captures) {
            store.put(plain(capture));
        }
        await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
            tx.onabort = () => reject(tx.error);
        });
    }

    async deleteCapture(uuid) {
        const store = await this._store("captures", "readwrite");
        await promisify(store.delete(uuid));
    }
}

export function newUuid() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    // crypto.randomUUID needs a secure context: an app on plain http in a village LAN
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
