"""A test-only stand-in for the field app's server routes (session, prepare, sync).

The app's tours are written against the JSON contract of ``controllers/sync.py``; while that
half of the module is not there, these routes answer with the same shapes, from the
cooperative's real members and parcels. Captures are kept in memory, by client uuid, so that a
capture sent twice is answered "already". Registered only when the module has no such routes.
"""
from odoo import fields, http
from odoo.http import request
from odoo.tools.misc import file_path

RESULTS = {}
SYNC_CALLS = []


def real_routes_present():
    """Whether the module's own sync controller defines the routes (then no stub)."""
    try:
        with open(file_path("coup_field_app/controllers/sync.py")) as handle:
            return "/coup_field/sync" in handle.read()
    except FileNotFoundError:
        return False


if not real_routes_present():

    class FieldSyncStub(http.Controller):

        @http.route("/coup_field/session", type="json", auth="user")
        def coup_field_session(self):
            user = request.env.user
            company = user.company_id
            villages = sorted({v for v in request.env["coup.membership"].search([
                ("company_id", "=", company.id)]).mapped("village") if v})
            return {
                "user": {"id": user.id, "name": user.name, "is_agent": user._is_internal(),
                         "partner_id": user.partner_id.id, "lang": user.lang},
                "company": {"id": company.id, "name": company.name,
                            "currency": company.currency_id.name, "map_center": None},
                "villages": villages,
                "segments": [],
                "limits": {"max_accuracy_m": 10, "point_max_ha": 4, "photo_max_px": 1280},
            }

        @http.route("/coup_field/prepare", type="json", auth="user")
        def coup_field_prepare(self, villages=(), segment_ids=()):
            company = request.env.user.company_id
            memberships = request.env["coup.membership"].search([
                ("company_id", "=", company.id), ("village", "in", list(villages))])
            parcels = request.env["coup.parcel"].search([
                ("membership_id", "in", memberships.ids)])
            return {
                "prepared_at": fields.Datetime.to_string(fields.Datetime.now()),
                "members": [{
                    "id": m.id, "partner_id": m.partner_id.id, "name": m.partner_id.name,
                    "number": m.member_number, "village": m.village or "",
                    "household": "", "card": m.member_number, "phone": m.partner_id.phone or "",
                    "photo_thumb": False,
                } for m in memberships],
                "parcels": [{
                    "id": p.id, "code": p.code, "member_id": p.membership_id.id,
                    "name": p.name, "area_ha": p.area_ha, "geometry": p.geometry,
                    "write_date": fields.Datetime.to_string(p.write_date),
                } for p in parcels],
                "activities": [{
                    "id": 1, "name": "Assemblée générale", "date_begin": "2026-12-05 09:00:00",
                    "invitees": [{"partner_id": m.partner_id.id, "name": m.partner_id.name,
                                  "state": "draft"} for m in memberships[:3]],
                }],
                "crops": [{"id": 1, "name": "Coton"}, {"id": 2, "name": "Maïs"}],
                "operation_kinds": [{"key": "planting", "label": "Planting"},
                                    {"key": "harvest", "label": "Harvest"}],
                "basemap": {"url_template": None, "bounds": None},
                "size_bytes": 0,
            }

        @http.route("/coup_field/sync", type="json", auth="user")
        def coup_field_sync(self, batch, captures):
            SYNC_CALLS.append({"batch": batch, "uuids": [c["uuid"] for c in captures],
                               "captures": captures})
            results = []
            for capture in captures:
                known = RESULTS.get(capture["uuid"])
                if known:
                    # taken the first time: "already", with what it made; a refusal stays
                    results.append(dict(known, status="already", state=known["status"])
                                   if known["status"] in ("accepted", "proposal") else known)
                    continue
                results.append(self._stub_result(capture))
                RESULTS[capture["uuid"]] = results[-1]
            return {"results": results}

        def _stub_result(self, capture):
            payload = capture.get("payload") or {}
            result = {"uuid": capture["uuid"], "status": "accepted"}
            if capture["kind"] == "member" and not (payload.get("name") or "").strip():
                return {**result, "status": "refused", "reason": "The name is required."}
            if capture["kind"] == "attendance" and payload.get("card"):
                return {**result, "status": "refused",
                        "reason": "No member has the card %s." % payload["card"]}
            if capture["kind"] == "parcel" and (payload.get("geometry") or {}).get(
                    "type") == "Point" and not payload.get("declared_area_ha"):
                return {**result, "status": "refused",
                        "reason": "A parcel given as a point needs its declared area."}
            if capture["kind"] == "parcel" and payload.get("parcel_id"):
                parcel = request.env["coup.parcel"].browse(payload["parcel_id"])
                if fields.Datetime.to_string(parcel.write_date) != capture.get(
                        "base_write_date"):
                    return {**result, "status": "proposal", "res_model": "coup.parcel",
                            "res_id": parcel.id,
                            "reason": "The office changed this parcel meanwhile."}
            return result
