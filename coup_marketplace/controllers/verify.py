"""The public page a receipt's QR code opens. Whoever holds the receipt (and so its hash)
learns that the record exists unchanged in the cooperative's chain, with its number, date
and weight; nobody learns a member's name or an amount, and without the hash, nothing."""
from odoo import http
from odoo.http import request


class CoupVerify(http.Controller):

    @http.route("/coup/verify/purchase/<int:record_id>/<string:given_hash>", type="http",
                auth="public", website=True, sitemap=False)
    def verify_purchase(self, record_id, given_hash, **kw):
        purchase = request.env["coup.purchase"].sudo().browse(record_id).exists()
        ok = bool(purchase) and len(given_hash) == 64 and purchase._coup_verify_record(given_hash)
        values = {"ok": ok}
        if ok:
            values.update(number=purchase.name, date=purchase.date,
                          weight=purchase.payable_kg, cooperative=purchase.company_id.name,
                          record_hash=purchase.coup_hash)
        return request.render("coup_marketplace.verify_record", values)
