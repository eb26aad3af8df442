/** @odoo-module */
/**
 * Sending the captures: in batches, each result kept on its capture as soon as it comes, so
 * that a cut in the middle resends only what has no result. A batch keeps its uuid until it is
 * answered: sent again after a cut, it is the same batch, and the server answers "already"
 * for what it took the first time (counted as accepted).
 */
import { newUuid } from "./db";
import { jsonRpc, OfflineError } from "./net";

export const BATCH_SIZE = 50;
const DONE = ["accepted", "proposal"];

export function isWaiting(capture) {
    return capture.status === "waiting";
}

/**
 * @param {FieldStore} store
 * @param {{batchSize?: number, onProgress?: Function}} options
 * @returns {{sent: number, accepted: number, refused: number, proposals: number, offline: boolean}}
 */
export async function syncCaptures(store, { batchSize = BATCH_SIZE, onProgress } = {}) {
    const summary = { sent: 0, accepted: 0, refused: 0, proposals: 0, offline: false };
    const waiting = (await store.allCaptures()).filter(isWaiting);
    const batches = new Map();
    // captures of a batch that was cut first, as they were; then new batches
    const fresh = [];
    for (const capture of waiting) {
        if (capture.batch) {
            if (!batches.has(capture.batch)) {
                batches.set(capture.batch, []);
            }
            batches.get(capture.batch).push(capture);
        } else {
            fresh.push(capture);
        }
    }
    for (let i = 0; i < fresh.length; i += batchSize) {
        const batch = newUuid();
        const captures = fresh.slice(i, i + batchSize).map((c) => ({ ...c, batch }));
        await store.putCaptures(captures);
        batches.set(batch, captures);
    }
    for (const [batch, captures] of batches) {
        let answer;
        try {
            answer = await jsonRpc("/coup_field/sync", {
                batch,
                captures: captures.map((c) => {
                    const item = { uuid: c.uuid, kind: c.kind, payload: c.payload };
                    if (c.base_write_date) {
                        item.base_write_date = c.base_write_date;
                    }
                    return item;
                }),
            });
        } catch (error) {
            if (error instanceof OfflineError) {
                summary.offline = true;
                return summary;
            }
            throw error;
        }
        const byUuid = new Map(captures.map((c) => [c.uuid, c]));
        const updated = [];
        for (const result of answer.results || []) {
            const capture = byUuid.get(result.uuid);
            if (!capture) {
                continue;
            }
            // sent before (its answer lost): what the first sending made, a proposal still
            // waiting for the office or accepted; never a refusal (a refused one is not kept)
            let status = result.status;
            if (status === "already") {
                status = result.state === "proposal" ? "proposal" : "accepted";
            }
            updated.push({
                ...capture,
                status,
                reason: result.reason || "",
                res_model: result.res_model || false,
                res_id: result.res_id || false,
                synced_at: new Date().toISOString(),
            });
            summary.sent++;
            if (status === "accepted") {
                summary.accepted++;
            } else if (status === "refused") {
                summary.refused++;
            } else if (status === "proposal") {
                summary.proposals++;
            }
        }
        await store.putCaptures(updated);
        onProgress?.(summary);
    }
    return summary;
}

export function isDone(capture) {
    return DONE.includes(capture.status);
}
