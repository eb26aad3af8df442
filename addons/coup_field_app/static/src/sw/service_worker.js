/* Co-Up Field: the service worker that lets the app come back with the network down.
 *
 * Served from /coup_field/sw.js (scope /coup_field). It keeps the app's page, its asset
 * bundles, its translations and its icons in one cache:
 * - the page: from the network when it answers (and the copy refreshed), else the copy;
 * - assets, translations, static files: the copy first (their URLs change with their content).
 * The data (prepared villages, captures) is not here: it is in IndexedDB.
 */
/* eslint-env serviceworker */
const CACHE = "coup-field-v2";
const SHELL = "/coup_field";
const CACHED_PREFIXES = [
    "/web/assets/",
    "/web/webclient/translations/",
    "/web/static/",
    "/coup_field_app/static/",
    "/web_leaflet_lib/static/",
    "/coup_field/manifest.webmanifest",
    "/coup_fieldbook/basemap/",  // served from the cache when prepared (cacheTiles)
];

function isCacheable(url) {
    return url.origin === self.location.origin &&
        CACHED_PREFIXES.some((prefix) => url.pathname.startsWith(prefix));
}

async function cacheShell() {
    const cache = await caches.open(CACHE);
    const response = await fetch(SHELL, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok || response.redirected) {
        return;
    }
    const html = await response.clone().text();
    await cache.put(SHELL, response);
    // the bundles the page names: kept now, so that the very first visit works offline
    // and Odoo's barcode reader (ZXing), loaded when the camera first scans a card: offline too
    const urls = new Set(["/coup_field/manifest.webmanifest",
        "/web/static/lib/zxing-library/zxing-library.js", "/web/static/img/transform.svg"]);
    for (const match of html.matchAll(/(?:src|href)="(\/[^"]+)"/g)) {
        const url = new URL(match[1], self.location.origin);
        if (isCacheable(url)) {
            urls.add(url.pathname + url.search);
        }
    }
    await cacheUrls(cache, [...urls]);
}

async function cacheUrls(cache, urls) {
    // a few at a time: a village's basemap is hundreds of tiles over a weak network
    for (let i = 0; i < urls.length; i += 6) {
        await Promise.all(urls.slice(i, i + 6).map((url) => cacheUrl(cache, url)));
    }
}

async function cacheUrl(cache, url) {
    {
        if (await cache.match(url)) {
            return;
        }
        try {
            const response = await fetch(url, { credentials: "same-origin" });
            if (response.ok) {
                await cache.put(url, response);
            }
        } catch {
            // offline: kept at the next visit
        }
    }
}

self.addEventListener("install", (event) => {
    event.waitUntil(cacheShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
    event.waitUntil((async () => {
        for (const key of await caches.keys()) {
            if (key.startsWith("coup-field-") && key !== CACHE) {
                await caches.delete(key);
            }
        }
        await self.clients.claim();
    })());
});

// the page names what it loaded (translations, images): kept for the next offline start
const BASEMAP = "/coup_fieldbook/basemap/";

/**
 * The basemap's tiles of the prepared area, in the order given (coarse zooms first), as long
 * as they fit in ``budget`` bytes; the tiles of an area prepared before are let go. Answers
 * the page with what was kept: {kept, bytes, over (left out for the budget), missing (not in
 * the cooperative's basemap, or no network)}.
 */
async function cacheTiles(urls, budget) {
    const cache = await caches.open(CACHE);
    const wanted = new Set(urls);
    for (const request of await cache.keys()) {
        const url = new URL(request.url);
        if (url.pathname.startsWith(BASEMAP) && !wanted.has(url.pathname)) {
            await cache.delete(request);
        }
    }
    const result = { kept: 0, bytes: 0, over: 0, missing: 0 };
    for (let i = 0; i < urls.length; i += 6) {
        const responses = await Promise.all(urls.slice(i, i + 6).map(async (url) => {
            const copy = await cache.match(url);
            if (copy) {
                return [url, copy, true];
            }
            try {
                const response = await fetch(url, { credentials: "same-origin" });
                return [url, response.ok ? response : null, false];
            } catch {
                return [url, null, false];
            }
        }));
        for (const [url, response, cached] of responses) {
            if (!response) {
                result.missing++;
                continue;
            }
            const size = (await response.clone().blob()).size;
            if (result.over || result.bytes + size > budget) {
                result.over++;
                if (cached) {
                    await cache.delete(url);
                }
                continue;
            }
            if (!cached) {
                await cache.put(url, response);
            }
            result.kept++;
            result.bytes += size;
        }
    }
    return result;
}

self.addEventListener("message", (event) => {
    const data = event.data || {};
    if (data.type === "cache" && Array.isArray(data.urls)) {
        const urls = data.urls.map((u) => new URL(u, self.location.origin))
            .filter(isCacheable).map((u) => u.pathname + u.search);
        event.waitUntil(caches.open(CACHE).then((cache) => cacheUrls(cache, urls)));
    } else if (data.type === "tiles" && Array.isArray(data.urls)) {
        const urls = data.urls.map((u) => new URL(u, self.location.origin))
            .filter((u) => u.origin === self.location.origin && u.pathname.startsWith(BASEMAP))
            .map((u) => u.pathname);
        event.waitUntil(cacheTiles(urls, Number(data.budget) || 0).then((result) => {
            event.source?.postMessage({ type: "tiles", ...result });
        }));
    }
});

async function fromNetworkThenCache(request) {
    const cache = await caches.open(CACHE);
    try {
        const response = await fetch(request);
        // a server that does not answer properly is no better than no network
        if (response.ok && !response.redirected) {
            await cache.put(SHELL, response.clone());
            return response;
        }
        if (response.status < 500) {
            return response;  // e.g. the login page when the session ended
        }
    } catch {
        // no network
    }
    const copy = await cache.match(SHELL);
    return copy || new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function fromCacheThenNetwork(request) {
    const cache = await caches.open(CACHE);
    const copy = await cache.match(request, { ignoreVary: true });
    if (copy) {
        return copy;
    }
    const response = await fetch(request);
    // the basemap's tiles are kept when the area is prepared, within its budget; not here
    if (response.ok && !new URL(request.url).pathname.startsWith(BASEMAP)) {
        await cache.put(request, response.clone());
    }
    return response;
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) {
        return;
    }
    if (request.mode === "navigate" && (url.pathname === SHELL || url.pathname === SHELL + "/")) {
        event.respondWith(fromNetworkThenCache(request));
    } else if (isCacheable(url)) {
        event.respondWith(fromCacheThenNetwork(request));
    }
});
