/** @odoo-module */
/**
 * JSON-RPC to the field app's routes with the browser's fetch: with no network it fails at
 * once (a TypeError), which the app reads as "offline", never as a refusal.
 */
export class OfflineError extends Error {}
export class ServerError extends Error {
    constructor(message, data) {
        super(message);
        this.data = data;
    }
}

let counter = 0;

export async function jsonRpc(url, params = {}) {
    let response;
    try {
        response = await window.fetch(url, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: ++counter, params }),
        });
    } catch (error) {
        throw new OfflineError(error.message);
    }
    if (!response.ok) {
        // a proxy or a server down answers without JSON: as good as no network
        throw new OfflineError(`HTTP ${response.status}`);
    }
    let body;
    try {
        body = await response.json();
    } catch (error) {
        throw new OfflineError(error.message);
    }
    if (body.error) {
        const data = body.error.data || {};
        throw new ServerError(data.message || body.error.message, data);
    }
    return body.result;
}
