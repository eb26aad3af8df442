"""The public page a receipt's QR code opens. Whoever holds the receipt (and so its
verification code, random and derived from no other record) learns that the record exists
unchanged in the cooperative's chain, with its number, date and weight; nobody learns a
member's name or an amount, and without the code, nothing."""
from odoo import http
from odoo.http import request


class CoupVerify(http.Controller):

    @http.route("/coup/verify/purchase/<string:token>", type="http", auth="public",
                website=True, sitemap=False)
    def verify_purchase(self, token, **kw):
        purchase = request.env["coup.purchase"]._coup_find_by_token(token)
        ok = bool(purchase) and purchase._coup_verify_record()
        values = {"ok": ok}
        if ok:
            values.update(number=purchase.name, date=purchase.date,
                          weight=purchase.payable_kg, net=purchase.net_kg,
                          cooperative=purchase.company_id.name,
                          record_hash=purchase.coup_hash)
        return request.render("coup_marketplace.verify_record", values)
