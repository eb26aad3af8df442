/** @odoo-module */
import { App, whenReady } from "@odoo/owl";
import { makeEnv, startServices } from "@web/env";
import { getTemplate } from "@web/core/templates";
import { _t } from "@web/core/l10n/translation";
import { FieldApp } from "./field_app";

/** The service worker of /coup_field, and what the page loaded handed to it to keep. */
async function registerServiceWorker() {
    if (!("serviceWorker" in navigator)) {
        return;
    }
    try {
        await navigator.serviceWorker.register("/coup_field/sw.js", { scope: "/coup_field" });
        const registration = await navigator.serviceWorker.ready;
        const urls = performance.getEntriesByType("resource").map((entry) => entry.name);
        registration.active?.postMessage({ type: "cache", urls });
    } catch {
        // no service worker (private window, plain http): the app works while the page is open
    }
}

export async function startFieldApp() {
    await whenReady();
    const env = makeEnv();
    await startServices(env);
    const app = new App(FieldApp, {
        getTemplate,
        env,
        props: { info: odoo.coup_field || {} },
        dev: env.debug,
        translateFn: _t,
        translatableAttributes: ["data-tooltip"],
    });
    await app.mount(document.body);
    registerServiceWorker();
    return app;
}

startFieldApp();
