"""The member's deliveries on their phone: weight, amount, paid or not, and the receipt."""
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PAGE_SIZE = 20


class CoupTradePortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_delivery_count" in counters:
            Purchase = request.env["coup.purchase"]
            values["coup_delivery_count"] = Purchase.search_count(
                [("partner_id", "=", request.env.user.partner_id.id),
                 ("state", "=", "confirmed")]) if Purchase.has_access("read") else 0
        return values

    _coup_delivery_row_fields = ["name", "date", "payable_kg", "amount_total", "currency_id",
                                 "payment_state"]

    def _coup_delivery(self, purchase_id):
        purchase = request.env["coup.purchase"].search(
            [("id", "=", purchase_id), ("partner_id", "=", request.env.user.partner_id.id),
             ("state", "=", "confirmed")])
        if not purchase:
            raise request.not_found()
        return purchase

    @http.route(["/my/deliveries", "/my/deliveries/page/<int:page>"], type="http",
                auth="user", website=True)
    def portal_my_deliveries(self, page=1, **kw):
        Purchase = request.env["coup.purchase"]
        domain = [("partner_id", "=", request.env.user.partner_id.id),
                  ("state", "=", "confirmed")]
        pager = portal_pager(url="/my/deliveries", total=Purchase.search_count(domain),
                             page=page, step=PAGE_SIZE)
        # what a row shows, in the search's query (a delivery read whole is 60 fields)
        purchases = Purchase.search_fetch(domain, self._coup_delivery_row_fields,
                                          limit=PAGE_SIZE, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        memberships = self._coup_statement_memberships()
        memberships.company_id.fetch(["name"])  # the name alone: a company is 211 fields
        statements = [{"id": m.id, "company": m.company_id.name} for m in memberships]
        values.update(page_name="coup_deliveries", purchases=purchases, pager=pager,
                      statements=statements)
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

    def _coup_statement_memberships(self):
        """The member's own memberships, each with its statement (read with sudo: a member
        reads their confirmed records only, and the statement also lists payments)."""
        return request.env["coup.membership"].sudo().search_fetch(
            [("partner_id", "=", request.env.user.partner_id.id)], ["company_id"])

    @http.route("/my/statement/<int:membership_id>", type="http", auth="user", website=True)
    def portal_my_statement(self, membership_id, report_type="pdf", download=False, **kw):
        """The member's statement with one cooperative, under its letterhead; the printable
        page when the server cannot make PDFs."""
        membership = self._coup_statement_memberships().filtered(
            lambda m: m.id == membership_id)
        if not membership:
            raise request.not_found()
        if report_type not in ("pdf", "html"):
            report_type = "pdf"
        return self._show_report(model=membership, report_type=report_type,
                                 report_ref="coup_marketplace.action_report_coup_member_statement",
                                 download=download)

    # ------------------------------------------------------------------ inputs

    def _coup_member_memberships(self):
        return request.env["coup.membership"].sudo().search(
            [("partner_id", "=", request.env.user.partner_id.id), ("state", "=", "active")])

    def _coup_sales_domain(self):
        # the member's orders still to confirm are shown here, read for them: over RPC a
        # member reads confirmed records only
        return [("partner_id", "=", request.env.user.partner_id.id)]

    @http.route(["/my/inputs", "/my/inputs/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_inputs(self, ordered=None, page=1, **kw):
        Sale = request.env["coup.sale"].sudo()
        domain = self._coup_sales_domain()
        pager = portal_pager(url="/my/inputs", total=Sale.search_count(domain), page=page,
                             step=PAGE_SIZE)
        sales = Sale.search(domain, limit=PAGE_SIZE, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        memberships = self._coup_member_memberships()
        # no "Order Inputs" button when no cooperative of the member offers any input
        offered = memberships and request.env["product.product"].sudo().search_count(
            [("coup_is_input", "=", True), ("sale_ok", "=", True),
             ("company_id", "in", [False] + memberships.company_id.ids)], limit=1)
        values.update(page_name="coup_inputs", sales=sales, ordered=ordered, pager=pager,
                      can_order=bool(offered))
        return request.render("coup_marketplace.portal_my_inputs", values)

    @http.route("/my/inputs/<int:sale_id>", type="http", auth="user", website=True)
    def portal_my_input(self, sale_id, **kw):
        sale = request.env["coup.sale"].sudo().search(
            [("id", "=", sale_id)] + self._coup_sales_domain())
        if not sale:
            raise request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_input", sale=sale)
        return request.render("coup_marketplace.portal_my_input", values)

    @http.route("/my/inputs/order", type="http", auth="user", website=True,
                methods=["GET", "POST"])
    def portal_order_inputs(self, **post):
        memberships = self._coup_member_memberships()
        if not memberships:
            raise request.not_found()
        membership = memberships.filtered(
            lambda m: str(m.id) == post.get("membership_id")) or memberships[:1]
        company = membership.company_id
        Product = request.env["product.product"].sudo()
        products = Product.search([("coup_is_input", "=", True), ("sale_ok", "=", True),
                                   ("company_id", "in", (False, company.id))])
        places = request.env["res.partner"].sudo().search(
            [("type", "=", "delivery"), ("parent_id", "=", company.partner_id.id)])
        error = None
        if request.httprequest.method == "POST":
            lines = []
            for product in products:
                raw = (post.get("qty_%s" % product.id) or "").replace(",", ".").strip()
                if not raw:
                    continue
                try:
                    qty = float(raw)
                except ValueError:
                    qty = -1
                if qty <= 0:
                    error = "quantity"
                    break
                lines.append((0, 0, {"product_id": product.id, "quantity": qty}))
            place = places.filtered(lambda p: str(p.id) == post.get("place_id"))
            if not error and not lines:
                error = "empty"
            if not error and not place:
                error = "place"
            if not error:
                request.env["coup.sale"].sudo().with_company(company).create({
                    "company_id": company.id, "membership_id": membership.id,
                    "origin": "portal", "delivery_place_id": place.id,
                    "delivery_date": post.get("delivery_date") or False,
                    "on_credit": bool(post.get("on_credit")) and company.coup_sale_credit_allowed,
                    "line_ids": lines})
                return request.redirect("/my/inputs?ordered=1")
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_inputs_order", membership=membership,
                      memberships=memberships, products=products, places=places, error=error,
                      credit=company.coup_sale_credit_allowed)
        return request.render("coup_marketplace.portal_order_inputs", values)
