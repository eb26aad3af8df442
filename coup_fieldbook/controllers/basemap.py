"""The cooperative's offline basemap: tiles read from the MBTiles file it uploaded, served by
Odoo itself, so that the browsers of its local network show a map with no internet."""
import sqlite3

from odoo import http
from odoo.http import request

TILE_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}


class CoupBasemap(http.Controller):

    @http.route("/coup_fieldbook/basemap/<int:company_id>/<int:z>/<int:x>/<int:y>",
                type="http", auth="user", readonly=True)
    def basemap_tile(self, company_id, z, x, y, **kw):
        if company_id not in request.env.user.company_ids.ids:
            raise request.not_found()
        attachment = request.env["ir.attachment"].sudo().search([
            ("res_model", "=", "res.company"), ("res_id", "=", company_id),
            ("res_field", "=", "coup_basemap_file")], limit=1)
        if not attachment or not attachment.store_fname:
            raise request.not_found()
        path = attachment._full_path(attachment.store_fname)
        try:
            with sqlite3.connect("file:%s?mode=ro" % path, uri=True) as db:
                # MBTiles rows count from the south (TMS); Leaflet's from the north
                row = db.execute(
                    "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                    "AND tile_row = ?", (z, x, (1 << z) - 1 - y)).fetchone()
        except sqlite3.Error:
            raise request.not_found() from None
        if not row:
            raise request.not_found()
        data = bytes(row[0])
        mimetype = next((kind for magic, kind in TILE_TYPES.items() if data.startswith(magic)),
                        "application/octet-stream")
        return request.make_response(data, headers=[
            ("Content-Type", mimetype), ("Cache-Control", "private, max-age=604800")])
