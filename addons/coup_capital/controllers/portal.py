"""The member's share capital on their phone: shares, instalments, certificates, returns,
and a request for more shares that the cooperative's staff approve."""
from odoo import _, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoupCapitalPortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_capital_count" in counters:
            Movement = request.env["coup.share.movement"]
            values["coup_capital_count"] = Movement.search_count(
                [("partner_id", "=", request.env.user.partner_id.id),
                 ("state", "=", "confirmed")]) if Movement.has_access("read") else 0
        return values

    def _coup_capital_values(self, **extra):
        partner = request.env.user.partner_id
        memberships = request.env["coup.membership"].search(
            [("partner_id", "=", partner.id), ("state", "in", ("candidate", "active"))])
        own = [("partner_id", "=", partner.id)]
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="coup_capital", memberships=memberships,
            movements=request.env["coup.share.movement"].search(
                own + [("state", "=", "confirmed")], order="date desc, id desc", limit=100),
            instalments=request.env["coup.share.instalment"].search(
                own, order="due_date"),
            certificates=request.env["coup.share.certificate"].search(
                own + [("state", "=", "confirmed")], order="issue_date desc, id desc"),
            requests=request.env["coup.share.subscription"].search(
                own + [("state", "=", "requested")]),
            classes=request.env["coup.share.class"].search(
                [("company_id", "in", memberships.company_id.ids)]),
            **extra)
        return values

    @http.route("/my/capital", type="http", auth="user", website=True)
    def portal_my_capital(self, **kw):
        return request.render("coup_capital.portal_my_capital", self._coup_capital_values(
            requested=kw.get("requested")))

    @http.route("/my/capital/certificate/<int:certificate_id>", type="http", auth="user",
                website=True)
    def portal_my_certificate(self, certificate_id, download=False, **kw):
        # the member's own certificate only: a guessed id of another's is "not found"
        certificate = request.env["coup.share.certificate"].search(
            [("id", "=", certificate_id), ("partner_id", "=", request.env.user.partner_id.id),
             ("state", "=", "confirmed")])
        if not certificate:
            raise request.not_found()
        return self._show_report(model=certificate, report_type="pdf",
                                 report_ref="coup_capital.action_report_share_certificate",
                                 download=download)

    @http.route("/my/capital/request", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_request_shares(self, share_class_id=None, quantity=None, **kw):
        """A request for shares: a subscription the cooperative's staff confirm or refuse.
        The class must be of a cooperative the member belongs to."""
        partner = request.env.user.partner_id
        try:
            share_class = request.env["coup.share.class"].browse(int(share_class_id or 0))
            quantity = int(quantity or 0)
        except ValueError:
            raise request.not_found() from None
        share_class = share_class.exists() and share_class.filtered(
            lambda c: c.has_access("read"))
        membership = request.env["coup.membership"].search([
            ("partner_id", "=", partner.id), ("state", "in", ("candidate", "active")),
            ("company_id", "=", share_class.company_id.id)], limit=1) if share_class else None
        if not membership:
            raise request.not_found()
        error = None
        if quantity < 1:
            error = _("Ask for one share at least.")
        else:
            __, high = share_class._coup_bounds(membership)
            held = request.env["coup.share.movement"].sudo()._coup_held(
                membership, share_class).get(membership.id, 0)
            if high and held + quantity > high:
                error = _("You would hold %(total)s shares of %(cls)s: the statutes allow "
                          "%(high)s at most.", total=held + quantity, cls=share_class.name,
                          high=high)
        if error:
            return request.render("coup_capital.portal_my_capital",
                                  self._coup_capital_values(error=error))
        request.env["coup.share.subscription"].sudo().create({
            "company_id": membership.company_id.id, "membership_id": membership.id,
            "share_class_id": share_class.id, "quantity": quantity, "origin": "portal",
            "state": "requested", "instalment_count": share_class.instalment_count,
            "instalment_months": share_class.instalment_months})
        return request.redirect("/my/capital?requested=1")
