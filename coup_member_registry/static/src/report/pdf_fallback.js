/** @odoo-module **/
/**
 * Without wkhtmltopdf, Odoo opens a PDF report as its web page and says so in a notification
 * whose link markup shows as raw text ("<br><br><a href=…>"). This handler says it in plain
 * words and opens the printable page itself.
 */
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

let wkhtmltopdfState;

export async function coupPdfFallback(action, options, env) {
    if (action.report_type !== "qweb-pdf") {
        return false;
    }
    wkhtmltopdfState ||= rpc("/report/check_wkhtmltopdf");
    const state = await wkhtmltopdfState;
    if (!["install", "broken"].includes(state)) {
        return false;
    }
    env.services.notification.add(
        _t(
            "This server cannot make PDF files (wkhtmltopdf is not installed): the report opens as a printable page. Use your browser's Print to print it or save it as a PDF."
        ),
        { title: _t("PDF not available"), type: "info" }
    );
    await env.services.action.doAction({ ...action, report_type: "qweb-html" }, options);
    return true;
}

registry.category("ir.actions.report handlers").add("coup_pdf_fallback", coupPdfFallback);
