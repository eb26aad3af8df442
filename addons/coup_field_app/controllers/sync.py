"""Sync endpoints of the field app (session, prepare, sync): see the module readme.

JSON routes for any logged-in user: a field agent (the cooperative's staff) or a member
(portal). What each may reach is decided by ``coup.field.sync``, with the caller's rights."""
from odoo import http
from odoo.http import request


class CoupFieldSync(http.Controller):

    @http.route("/coup_field/session", type="json", auth="user")
    def coup_field_session(self, **kw):
        return request.env["coup.field.sync"]._coup_field_session()

    @http.route("/coup_field/prepare", type="json", auth="user")
    def coup_field_prepare(self, villages=None, segment_ids=None, **kw):
        return request.env["coup.field.sync"]._coup_field_prepare(
            villages if isinstance(villages, list) else [],
            segment_ids if isinstance(segment_ids, list) else [])

    @http.route("/coup_field/sync", type="json", auth="user")
    def coup_field_sync(self, batch=None, captures=None, **kw):
        return request.env["coup.field.sync"]._coup_field_sync(batch, captures)
