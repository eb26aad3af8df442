"""The member's deliveries on their phone: weight, amount, paid or not, and the receipt."""
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoupTradePortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_delivery_count" in counters:
            Purchase = request.env["coup.purchase"]
            values["coup_delivery_count"] = Purchase.search_count(
                [("partner_id", "=", request.env.user.partner_id.id),
                 ("state", "=", "confirmed")]) if Purchase.has_access("read") else 0
        return values

    def _coup_delivery(self, purchase_id):
        purchase = request.env["coup.purchase"].search(
            [("id", "=", purchase_id), ("partner_id", "=", request.env.user.partner_id.id),
             ("state", "=", "confirmed")])
        if not purchase:
            raise request.not_found()
        return purchase

    @http.route("/my/deliveries", type="http", auth="user", website=True)
    def portal_my_deliveries(self, **kw):
        purchases = request.env["coup.purchase"].search(
            [("partner_id", "=", request.env.user.partner_id.id), ("state", "=", "confirmed")])
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_deliveries", purchases=purchases)
        return request.render("coup_marketplace.portal_my_deliveries", values)

    @http.route("/my/deliveries/<int:purchase_id>", type="http", auth="user", website=True)
    def portal_my_delivery(self, purchase_id, report_type=None, download=False, **kw):
        purchase = self._coup_delivery(purchase_id)
        if report_type == "pdf":
            return self._show_report(model=purchase, report_type="pdf",
                                     report_ref="coup_marketplace.action_report_coup_purchase_receipt",
                                     download=download)
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_delivery", purchase=purchase)
        return request.render("coup_marketplace.portal_my_delivery", values)
