import base64
import os
import sqlite3
import tempfile

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def mbtiles(tiles):
    """An MBTiles file (SQLite) holding ``{(z, x, tms_y): bytes}``."""
    handle, path = tempfile.mkstemp(suffix=".mbtiles")
    os.close(handle)
    try:
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE metadata (name text, value text)")
            db.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, "
                       "tile_row integer, tile_data blob)")
            db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                           [(z, x, y, data) for (z, x, y), data in tiles.items()])
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        os.unlink(path)


@tagged("post_install", "-at_install")
class TestOfflineBasemap(CoupFederationMixin, HttpCase):
    _coup_prefix = "Basemap"

    def test_odoo_serves_the_cooperatives_own_tiles(self):
        # zoom 3, column 3, row 3 from the north is row 4 from the south in MBTiles
        self.coop_ml.coup_basemap_file = base64.b64encode(mbtiles({(3, 3, 4): PNG}))
        staff = new_test_user(self.env, "basemap_staff", password="basemap_staff",
                              groups="coup_member_registry.group_coup_user",
                              company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        settings = self.env["coup.parcel"].with_user(staff).with_company(
            self.coop_ml).coup_map_settings()
        self.assertEqual(settings["basemap_url"],
                         "/coup_fieldbook/basemap/%s/{z}/{x}/{y}" % self.coop_ml.id)
        self.authenticate("basemap_staff", "basemap_staff")
        tile = self.url_open("/coup_fieldbook/basemap/%s/3/3/3" % self.coop_ml.id)
        self.assertEqual(tile.status_code, 200)
        self.assertEqual(tile.headers["Content-Type"], "image/png")
        self.assertEqual(tile.content, PNG)
        self.assertEqual(self.url_open(
            "/coup_fieldbook/basemap/%s/3/3/4" % self.coop_ml.id).status_code, 404)
        # a cooperative that uploaded no basemap has none
        self.assertEqual(self.url_open(
            "/coup_fieldbook/basemap/%s/3/3/3" % self.coop_co.id).status_code, 404)
        # another cooperative's staff do not get Mali's tiles
        other = new_test_user(self.env, "basemap_other", password="basemap_other",
                              groups="coup_member_registry.group_coup_user",
                              company_id=self.coop_co.id, company_ids=[self.coop_co.id])
        self.authenticate(other.login, "basemap_other")
        self.assertEqual(self.url_open(
            "/coup_fieldbook/basemap/%s/3/3/3" % self.coop_ml.id).status_code, 404)

    def test_without_basemap_or_tile_server_the_map_draws_on_a_plain_background(self):
        self.env["ir.config_parameter"].set_param("leaflet.tile_url", "False")
        settings = self.env["coup.parcel"].with_company(self.coop_co).coup_map_settings()
        self.assertEqual((settings["basemap_url"], settings["tile_url"]), ("", ""))
