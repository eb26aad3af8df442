from odoo import http
from odoo.http import content_disposition, request


class CoupCapitalRegister(http.Controller):

    @http.route("/coup/capital/register/<int:company_id>.xlsx", type="http", auth="user")
    def register_xlsx(self, company_id, **kw):
        """The share register of a cooperative as Excel, for its staff (record rules)."""
        company = request.env["res.company"].browse(company_id)
        content = request.env["coup.share.movement"]._coup_register_xlsx(company)
        return request.make_response(content, headers=[
            ("Content-Type",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition("share-register.xlsx"))])

    @http.route("/coup/capital/distribution/<int:run_id>.xlsx", type="http", auth="user")
    def distribution_xlsx(self, run_id, **kw):
        """A distribution's review table, for the cooperative's staff (record rules)."""
        run = request.env["coup.surplus.distribution"].search([("id", "=", run_id)])
        if not run:
            raise request.not_found()
        return request.make_response(run._coup_review_xlsx(), headers=[
            ("Content-Type",
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("Content-Disposition", content_disposition("distribution-review.xlsx"))])
