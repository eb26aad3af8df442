import re

from markupsafe import Markup, escape

from odoo import api, models

BODY = re.compile(rb"<body[^>]*>")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _coup_pdf_available(self):
        """Whether this server can print PDFs (wkhtmltopdf installed and working)."""
        return self.get_wkhtmltopdf_state() not in ("install", "broken")

    @api.model
    def _coup_render_pdf_or_html(self, report_ref, res_ids, report_type="pdf"):
        """The report as a PDF, or as its printable web page with a note saying why when the
        server has no PDF engine: a member's link never ends in an error.

        :return: ``(content, "pdf" or "html")``
        """
        if report_type == "pdf" and not self._coup_pdf_available():
            report_type = "html"
            content = self._render_qweb_html(report_ref, res_ids,
                                              data={"report_type": "html"})[0]
            return self._coup_html_with_note(content), report_type
        render = getattr(self, "_render_qweb_%s" % report_type)
        return render(report_ref, res_ids, data={"report_type": report_type})[0], report_type

    @api.model
    def _coup_html_with_note(self, content):
        """``content`` (a report's HTML) with a note on top, hidden when printed."""
        note = Markup(
            '<div class="alert alert-info d-print-none m-2 o_coup_no_pdf" role="status">'
            "%s</div>") % escape(self.env._(
                "This server cannot make PDF files (wkhtmltopdf is not installed): here is the "
                "printable page. Use your browser's Print to print it or save it as a PDF."))
        content = content if isinstance(content, bytes) else content.encode()
        match = BODY.search(content)
        at = match.end() if match else 0
        return content[:at] + str(note).encode() + content[at:]
