/** @odoo-module */
/* What the field app's tours share (the bridges' tours too): waiting for the page, cutting
 * the network (the test switches Chrome's offline emulation when the tour logs
 * "coup_field_app:offline" / "coup_field_app:online"), preparing a village. */

export function waitFor(predicate, what, timeout = 15000) {
    const start = Date.now();
    return new Promise((resolve, reject) => {
        const tick = () => {
            if (predicate()) {
                resolve();
            } else if (Date.now() - start > timeout) {
                reject(new Error(`Timed out waiting for ${what}`));
            } else {
                setTimeout(tick, 50);
            }
        };
        tick();
    });
}

export async function setNetwork(online) {
    console.log(online ? "coup_field_app:online" : "coup_field_app:offline");
    await waitFor(() => navigator.onLine === online, online ? "online" : "offline");
}

/** Steps: the app online prepares ``village``, whose ``members`` members are kept. */
export function prepareVillageSteps(village, members) {
    return [
        { trigger: ".o_coup_field_app .o_cf_online" },
        { trigger: ".o_cf_prepare_btn", run: "click" },
        { trigger: `.o_cf_choice input[data-village='${village}']`, run: "click" },
        { trigger: ".o_cf_download_btn", run: "click" },
        { trigger: `.o_cf_message_success:contains(Members: ${members},)` },
    ];
}

/** Steps: back home from the prepared village, with the network cut. */
export function cutNetworkSteps() {
    return [
        {
            content: "the network is cut",
            trigger: ".o_cf_back",
            async run(actions) {
                await setNetwork(false);
                await actions.click();
            },
        },
        { trigger: ".o_cf_offline" },
    ];
}
