"""The documents shared with the member: listed with their own rights, and a file is
downloaded only through a share that their record rule lets them read."""
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class CoupDocumentsPortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_document_count" in counters:
            Share = request.env["coup.activity.document.share"]
            values["coup_document_count"] = Share.search_count(
                [("partner_id", "=", request.env.user.partner_id.id)]) \
                if Share.has_access("read") else 0
        return values

    @http.route(["/my/documents", "/my/documents/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_documents(self, page=1, **kw):
        """One page of the member's documents, the newest first (a member of many years has
        hundreds)."""
        Share = request.env["coup.activity.document.share"]
        domain = [("partner_id", "=", request.env.user.partner_id.id)]
        pager = portal_pager(url="/my/documents", total=Share.search_count(domain), page=page,
                             step=self._items_per_page)
        shares = Share.search(domain, order="create_date desc, id desc",
                              limit=self._items_per_page, offset=pager["offset"])
        rows = [{"share": share, "title": share.sudo().document_id.name,
                 "theme": share.sudo().document_id.theme_id.name,
                 "url": share.sudo().document_id._coup_url()
                 or "/my/documents/%s/file" % share.id,
                 "date": share.create_date} for share in shares]
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_documents", rows=rows, pager=pager)
        return request.render("coup_activities.portal_my_documents", values)

    @http.route("/my/documents/<int:share_id>/file", type="http", auth="user")
    def portal_document_file(self, share_id, **kw):
        share = request.env["coup.activity.document.share"].search(
            [("id", "=", share_id), ("partner_id", "=", request.env.user.partner_id.id)])
        document = share.sudo().document_id
        if not share or document.kind != "file":
            return request.not_found()
        share.sudo().opened = True
        return request.env["ir.binary"]._get_stream_from(
            document, "file", filename=document.filename).get_response(as_attachment=True)
