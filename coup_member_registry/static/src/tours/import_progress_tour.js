/** @odoo-module **/

import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";

/**
 * A register importing in the background: the form follows the import by itself. The import
 * is queued by coup_member_registry/tests/test_import_progress.py; a step finishes it on the
 * server as the background job would, and the form shows the result without a reload.
 */
registry.category("web_tour.tours").add("coup_import_progress_tour", {
    steps: () => [
        {
            content: "The import runs in the background",
            trigger: ".o_form_view .o_progressbar",
        },
        {
            content: "The background job finishes the import",
            trigger: ".o_form_view .o_progressbar",
            run: async () => {
                const ids = await rpc("/web/dataset/call_kw/coup.member.import/search", {
                    model: "coup.member.import",
                    method: "search",
                    args: [[["state", "=", "queued"], ["filename", "=", "progress.xlsx"]]],
                    kwargs: {},
                });
                await rpc("/web/dataset/call_kw/coup.member.import/write", {
                    model: "coup.member.import",
                    method: "write",
                    args: [ids, {
                        state: "done",
                        progress: 100,
                        result_data: {
                            code: "done",
                            args: { done: 3, new: 3, matched: 0, skipped: 0, warned: 0, repeated: 0 },
                        },
                    }],
                    kwargs: {},
                });
            },
        },
        {
            content: "The result shows without reloading the page",
            trigger: ".o_form_view .alert-success:contains('Members imported: 3 (new: 3')",
        },
    ],
});
