"""The documents shared with the member: listed with their own rights, and a file is
downloaded only through a share that their record rule lets them read."""
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoupDocumentsPortal(CustomerPortal):

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_document_count" in counters:
            Share = request.env["coup.activity.document.share"]
            values["coup_document_count"] = Share.search_count(
                [("partner_id", "=", request.env.user.partner_id.id)]) \
                if Share.has_access("read") else 0
        return values

    @http.route("/my/documents", type="http", auth="user", website=True)
    def portal_my_documents(self, **kw):
        shares = request.env["coup.activity.document.share"].search(
            [("partner_id", "=", request.env.user.partner_id.id)])
        rows = [{"share": share, "title": share.sudo().document_id.name,
                 "theme": share.sudo().document_id.theme_id.name,
                 "url": share.sudo().document_id._coup_url()
                 or "/my/documents/%s/file" % share.id,
                 "date": share.create_date} for share in shares]
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_documents", rows=rows)
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
