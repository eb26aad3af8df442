"""The public page a share certificate's QR code opens: whoever holds the certificate (and
so its random verification code) learns that it is intact in the cooperative's chain, with
its number, date and shares; nobody learns a member's name, and without the code, nothing."""
from odoo import http
from odoo.http import request


class CoupCapitalVerify(http.Controller):

    @http.route("/coup/verify/certificate/<string:token>", type="http", auth="public",
                website=True, sitemap=False)
    def verify_certificate(self, token, **kw):
        certificate = request.env["coup.share.certificate"]._coup_find_by_token(token)
        ok = bool(certificate) and certificate._coup_verify_record()
        values = {"ok": ok}
        if ok:
            values.update(number=certificate.name, date=certificate.issue_date,
                          shares=certificate.shares, cooperative=certificate.company_id.name,
                          record_hash=certificate.coup_hash)
        return request.render("coup_capital.verify_certificate", values)
