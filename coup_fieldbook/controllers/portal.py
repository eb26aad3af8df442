"""The member's parcels on their phone: a map of them all, each parcel with its operations,
and a form to record what was done today (with a photo)."""

import json

from odoo import fields, http
from odoo.exceptions import ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

PORTAL_KINDS = ("planting", "fertilising", "treatment", "pruning", "weeding", "harvest",
                "inspection")
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# parcels listed per page (the map above the list shows them all)
PAGE_SIZE = 40


class CoupFieldbookPortal(CustomerPortal):

    def _coup_parcel_domain(self):
        partner = request.env.user.partner_id
        return ["|", ("partner_id", "=", partner.id), ("worker_ids", "in", partner.ids)]

    # What the pages show of records the member has no right to read by themselves (crops and
    # products are the cooperative's catalogue, photos are attachments): read with the
    # server's rights, but only the named fields of the records already found under the
    # member's own rules, so nothing else is opened.

    @staticmethod
    def _coup_crop_names(parcels):
        """``{parcel id: "Cashew, Cotton"}`` for parcels the member may read."""
        return {parcel.id: ", ".join(parcel.sudo().crop_ids.mapped("name"))
                for parcel in parcels}

    @staticmethod
    def _coup_operation_products(operations):
        """``{operation id: product name}`` for operations the member may read."""
        return {operation.id: operation.sudo().product_id.display_name
                for operation in operations if operation.sudo().product_id}

    @staticmethod
    def _coup_operation_photos(operations):
        """``{operation id: [(attachment id, name, access token), ...]}``: the images attached
        to operations the member may read, each with a token for ``/web/image``."""
        photos = {}
        for operation in operations:
            images = operation.sudo().attachment_ids.filtered(
                lambda a: (a.mimetype or "").startswith("image/"))
            for attachment in images:
                token = attachment.access_token or attachment.generate_access_token()[0]
                photos.setdefault(operation.id, []).append(
                    (attachment.id, attachment.name, token))
        return photos

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coup_parcel_count" in counters:
            Parcel = request.env["coup.parcel"]
            values["coup_parcel_count"] = Parcel.search_count(self._coup_parcel_domain()) \
                if Parcel.has_access("read") else 0
        return values

    @http.route(["/my/parcels", "/my/parcels/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_parcels(self, page=1, **kw):
        Parcel = request.env["coup.parcel"]
        domain = self._coup_parcel_domain()
        pager = portal_pager(url="/my/parcels", total=Parcel.search_count(domain), page=page,
                             step=PAGE_SIZE)
        parcels = Parcel.search(domain, limit=PAGE_SIZE, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_parcels", parcels=parcels, pager=pager,
                      crop_names=self._coup_crop_names(parcels),
                      geojson=Parcel.coup_map_data(domain),
                      map_settings=json.dumps(Parcel.coup_map_settings()))
        return request.render("coup_fieldbook.portal_my_parcels", values)

    @http.route("/my/parcels/<int:parcel_id>", type="http", auth="user", website=True)
    def portal_my_parcel(self, parcel_id, saved=None, error=None, **kw):
        Parcel = request.env["coup.parcel"]
        parcel = Parcel.search(self._coup_parcel_domain() + [("id", "=", parcel_id)])
        if not parcel:
            raise request.not_found()
        kinds = dict(request.env["coup.parcel.operation"]._fields["kind"]
                     ._description_selection(request.env))
        operations = request.env["coup.parcel.operation"].search(
            [("parcel_id", "=", parcel.id)], order="date desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update(page_name="coup_parcel", parcel=parcel, operations=operations,
                      crop_names=self._coup_crop_names(parcel),
                      products=self._coup_operation_products(operations),
                      photos=self._coup_operation_photos(operations),
                      kinds=[(k, kinds[k]) for k in PORTAL_KINDS],
                      today=fields.Date.context_today(parcel), saved=saved, error=error,
                      geojson=Parcel.coup_map_data([("id", "=", parcel.id)]),
                      map_settings=json.dumps(Parcel.coup_map_settings()))
        return request.render("coup_fieldbook.portal_my_parcel", values)

    @http.route("/my/parcels/<int:parcel_id>/operation", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_record_operation(self, parcel_id, kind=None, date=None, quantity=None,
                                notes=None, photo=None, **kw):
        """The member records an operation on one of their parcels; the parcel is found
        under their own rights before anything is written with the server's."""
        parcel = request.env["coup.parcel"].search(
            self._coup_parcel_domain() + [("id", "=", parcel_id)])
        if not parcel:
            raise request.not_found()
        url = "/my/parcels/%s" % parcel.id
        if kind not in PORTAL_KINDS:
            return request.redirect(url + "?error=kind")
        try:
            day = fields.Date.to_date(date) if date else fields.Date.context_today(parcel)
            qty = float((quantity or "0").replace(",", "."))
        except ValueError:
            return request.redirect(url + "?error=value")
        if kind == "harvest" and qty <= 0:
            return request.redirect(url + "?error=quantity")
        vals = {"parcel_id": parcel.id, "kind": kind, "state": "done", "date": day,
                "quantity": qty if kind == "harvest" else 0.0, "notes": notes or False,
                "done_by_id": request.env.user.partner_id.id}
        try:
            operation = request.env["coup.parcel.operation"].sudo().create(vals)
        except ValidationError:
            return request.redirect(url + "?error=value")
        if photo and getattr(photo, "filename", None):
            data = photo.read(MAX_PHOTO_BYTES + 1)
            if data and len(data) <= MAX_PHOTO_BYTES:
                attachment = request.env["ir.attachment"].sudo().create({
                    "name": photo.filename, "raw": data, "res_model": operation._name,
                    "res_id": operation.id})
                operation.sudo().attachment_ids = [(4, attachment.id)]
        chatter = operation.sudo()._coup_in_coop_lang()
        chatter.message_post(body=chatter.env._("Recorded by the member from the portal."))
        return request.redirect(url + "?saved=1")
