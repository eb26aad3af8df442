"""The member's statement as an Excel file, for accountants."""
import io

import openpyxl

from odoo import _, http
from odoo.http import content_disposition, request


class CoupStatementExport(http.Controller):

    @http.route("/coup/statement/<int:membership_id>.xlsx", type="http", auth="user")
    def statement_xlsx(self, membership_id, **kw):
        membership = request.env["coup.membership"].search([("id", "=", membership_id)])
        if not membership:
            raise request.not_found()
        rows = membership._coup_statement()
        labels = {"delivery": _("Delivery"), "inputs": _("Inputs"), "payment": _("Payment")}
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = membership.member_number or "statement"
        sheet.append([_("Date"), _("What"), _("Reference"), _("kg"), _("Owed to the member"),
                      _("Owed by the member / paid"), _("Balance"), _("Currency")])
        currency = membership.company_id.currency_id.name
        for row in rows:
            sheet.append([row["date"], labels[row["kind"]], row["reference"], row["quantity"],
                          row["credit"], row["debit"], row["balance"], currency])
        out = io.BytesIO()
        workbook.save(out)
        filename = "statement-%s.xlsx" % (membership.member_number or membership.id)
        return request.make_response(out.getvalue(), headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition(filename))])
