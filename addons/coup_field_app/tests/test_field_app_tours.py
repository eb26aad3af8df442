"""The field app in Chromium with the network really cut.

The tour logs "coup_field_app:offline" / "coup_field_app:online"; the test answers through
Chrome DevTools (the browser the test drives): ``Network.emulateNetworkConditions`` cuts the
page's network, and every request the browser would still send to Odoo (the service worker's
own) is failed as a lost connection (``Fetch.failRequest``), so that what the app shows while
offline can only come from the phone: its service worker's cache and its IndexedDB.
"""
import base64
import json
import math
from unittest.mock import patch

from werkzeug.wrappers import Response

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser
from odoo.tools.misc import file_path

from odoo.addons.coup_fieldbook.tests.test_basemap import PNG, mbtiles
from odoo.addons.coup_member_registry.tests.common import CoupFederationMixin

from . import sync_stub

OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
TRACK_URL = "/coup_field_app_test/gps_walks.json"
ONLINE = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}


def square(lon, lat, size=0.001):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + size, lat],
                                                [lon + size, lat + size], [lon, lat + size],
                                                [lon, lat]]]}


def recorded_tracks():
    """The fixture's noisy GPS walks as {track: [[lon, lat, accuracy], ...]}."""
    with open(file_path("coup_field_app/tests/data/gps_walk_klela.geojson")) as handle:
        data = json.load(handle)
    tracks = {}
    for feature in data["features"]:
        props = feature["properties"]
        tracks.setdefault(props["track"], []).append(
            [*feature["geometry"]["coordinates"], props["accuracy"]])
    return tracks


class NetworkSwitch:
    """Chrome's network, cut and given back when the page asks (a console message)."""

    def __init__(self):
        self.offline = False
        self.failed = []
        self.refused = []

    def patches(self):
        switch = self
        real_console = ChromeBrowser._handle_console
        real_paused = ChromeBrowser._handle_request_paused

        def handle_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            text = str(args and args[0].get("value"))
            if text in ("coup_field_app:offline", "coup_field_app:online"):
                switch.offline = text.endswith("offline")
                browser._websocket_send("Network.enable")
                browser._websocket_send("Network.emulateNetworkConditions",
                                        params=OFFLINE if switch.offline else ONLINE)
            return real_console(browser, type, args=args, **kw)

        def handle_paused(browser, **params):
            if params["request"]["url"].endswith(TRACK_URL):
                # the recorded GPS walks, handed to the page by the browser itself
                body = base64.b64encode(json.dumps(recorded_tracks()).encode()).decode()
                browser._websocket_send("Fetch.fulfillRequest", params={
                    "requestId": params["requestId"], "responseCode": 200, "body": body,
                    "responseHeaders": [{"name": "Content-Type",
                                         "value": "application/json"}]})
                return None
            if switch.offline:
                switch.failed.append(params["request"]["url"])
                browser._websocket_send("Fetch.failRequest", params={
                    "requestId": params["requestId"], "errorReason": "InternetDisconnected"})
                return None
            return real_paused(browser, **params)

        real_app = http.Application.__call__

        def application(app, environ, start_response):
            # what still leaves the browser (its service worker's own requests are not under
            # the page's emulation): refused as by a server out of reach
            if switch.offline:
                switch.refused.append(environ.get("PATH_INFO"))
                return Response("offline", status=503)(environ, start_response)
            return real_app(app, environ, start_response)

        return [patch.object(http.Application, "__call__", application),
                patch.object(ChromeBrowser, "_handle_console", handle_console),
                patch.object(ChromeBrowser, "_handle_request_paused", handle_paused)]


class FieldAppTourCase(CoupFederationMixin, HttpCase):
    """A cooperative in Mali with three members in Kléla, one with a parcel, and one member
    of the Colombian cooperative in a village of the same name (never prepared)."""

    _coup_prefix = "Field App"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the stand-in routes (tests/sync_stub.py) join the routing map when they are used
        cls.registry.clear_cache("routing")
        make = cls.make_member
        cls.moussa = make("Moussa Traoré", cls.coop_ml, member_number="KL-0001",
                          village="Kléla", gender="male")
        make("Fanta Diarra", cls.coop_ml, member_number="KL-0002", village="Kléla",
             gender="female")
        make("Issa Coulibaly", cls.coop_ml, member_number="KL-0003", village="Kléla",
             gender="male")
        make("Ana Pérez", cls.coop_co, member_number="CO-0001", village="Kléla")
        cls.parcel = cls.env["coup.parcel"].create({
            "name": "Champ de Moussa", "company_id": cls.coop_ml.id,
            "membership_id": cls.moussa.id, "geometry": json.dumps(square(-5.66, 11.68))})

    @classmethod
    def make_member(cls, name, company, **vals):
        partner_vals = {k: vals.pop(k) for k in list(vals) if k in ("gender", "village")}
        partner = cls.env["res.partner"].create(dict(name=name, **partner_vals))
        return cls.env["coup.membership"].create(dict(
            partner_id=partner.id, company_id=company.id, **vals))

    def run_tour(self, tour, switch):
        patches = switch.patches()
        for item in patches:
            item.start()
        try:
            self.start_tour("/coup_field", tour, login=self.manager_ml.login, timeout=180)
        finally:
            for item in patches:
                item.stop()


@tagged("post_install", "-at_install")
class TestFieldAppTours(FieldAppTourCase):

    def test_the_app_page_manifest_and_service_worker(self):
        self.authenticate(self.manager_ml.login, self.manager_ml.login)
        page = self.url_open("/coup_field")
        self.assertEqual(page.status_code, 200)
        self.assertIn("coup_field_app.assets", page.text)
        self.assertIn('rel="manifest"', page.text)
        manifest = self.url_open("/coup_field/manifest.webmanifest").json()
        self.assertEqual(manifest["start_url"], "/coup_field")
        self.assertEqual(manifest["display"], "standalone")
        self.assertTrue(manifest["icons"])
        worker = self.url_open("/coup_field/sw.js")
        self.assertEqual(worker.headers["Service-Worker-Allowed"], "/coup_field")
        self.assertIn("javascript", worker.headers["Content-Type"])
        self.assertIn('addEventListener("fetch"', worker.text)

    def test_a_member_opens_the_app_from_the_portal(self):
        member = new_test_user(self.env, "field_app_member", groups="base.group_portal",
                               partner_id=self.moussa.partner_id.id)
        self.authenticate(member.login, member.login)
        page = self.url_open("/coup_field")
        self.assertEqual(page.status_code, 200)
        self.assertIn("coup_field_app.assets", page.text)
        self.assertIn('"uid": %s' % member.id, page.text)

    def test_the_app_needs_a_login(self):
        response = self.url_open("/coup_field", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_offline_capture_reload_cut_sync_and_conflict(self):
        sync_stub.RESULTS.clear()
        sync_stub.SYNC_CALLS.clear()
        switch = NetworkSwitch()
        self.run_tour("coup_field_app_offline_tour", switch)
        # the reload while offline did ask for the page (the service worker tries the network
        # first): refused, the app came back from the service worker's copy with its captures
        self.assertIn("/coup_field", switch.refused)
        self.assertNotIn("/coup_field/sync", switch.refused)
        if sync_stub.real_routes_present():
            # made once each, whatever was sent twice: 5 captures, one of them a proposal
            refs = self.env["coup.capture.ref"].search([
                ("model", "=", "coup.field.capture"), ("company_id", "=", self.coop_ml.id)])
            self.assertEqual(len(refs), 5)
            self.assertEqual(self.parcel.name, "Changed by the office",
                             "the field's shape overwrote the office's change")
        else:
            calls = sync_stub.SYNC_CALLS
            # batches of 2: the second one's answer was lost, so it was sent again as it was
            self.assertEqual([len(call["uuids"]) for call in calls], [2, 2, 2, 1])
            self.assertEqual(calls[1], calls[2], "the cut batch was not sent again as it was")
            self.assertEqual(len(sync_stub.RESULTS), 5)


if not sync_stub.real_routes_present():

    @tagged("post_install", "-at_install")
    class TestFieldAppAttendanceTour(FieldAppTourCase):
        """Attendance and answers need the activities' bridge on the server: against the
        stand-in routes until then (the bridge's tests can run this tour with the real ones)."""

        def test_attendance_offline_and_a_refused_card(self):
            sync_stub.RESULTS.clear()
            sync_stub.SYNC_CALLS.clear()
            self.run_tour("coup_field_app_attendance_tour", NetworkSwitch())
            kinds = sorted(r["status"] for r in sync_stub.RESULTS.values())
            # the corrected point: a new capture, with the declared area typed the French way
            self.assertEqual(kinds, ["accepted", "accepted", "accepted", "refused"])
            parcels = [c for call in sync_stub.SYNC_CALLS for c in call["captures"]
                       if c["kind"] == "parcel"]
            self.assertEqual(len(parcels), 1)
            self.assertEqual(parcels[0]["payload"]["declared_area_ha"], 0.8)
            self.assertEqual(parcels[0]["payload"]["geometry"]["type"], "Point")
            self.assertNotEqual(parcels[0]["uuid"], "0f0e0d0c-0b0a-4998-8776-554433221100")


def tile_of(lon, lat, z):
    """The slippy-map tile holding a position at a zoom (the app's tileOf)."""
    n = 2 ** z
    rad = math.radians(lat)
    return (int((lon + 180) / 360 * n),
            int((1 - math.log(math.tan(rad) + 1 / math.cos(rad)) / math.pi) / 2 * n))


@tagged("post_install", "-at_install")
class TestFieldAppBasemapTour(FieldAppTourCase):

    def test_basemap_tiles_of_the_prepared_area_within_the_budget(self):
        # Moussa's parcel astride a corner of the finest zoom's tiles: four tiles there
        x, y = tile_of(-5.66, 11.68, 17)
        lon = x / 2 ** 17 * 360 - 180
        lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / 2 ** 17))))
        self.parcel.geometry = json.dumps(square(lon - 0.0005, lat - 0.0005))
        west, south, east, north = lon - 0.0005, lat - 0.0005, lon + 0.0005, lat + 0.0005
        area = {}
        for z in range(12, 18):
            (x0, y0), (x1, y1) = tile_of(west, north, z), tile_of(east, south, z)
            area.update({(z, tx, ty): True for tx in range(x0, x1 + 1)
                         for ty in range(y0, y1 + 1)})
        self.assertEqual(sum(1 for key in area if key[0] == 17), 4)
        # the basemap holds the area's tiles and their neighbours (never asked for)
        tiles = {}
        for z, tx, ty in area:
            for dx in (-1, 0, 1):
                tiles[(z, tx + dx, (1 << z) - 1 - ty)] = PNG
        self.coop_ml.coup_basemap_file = base64.b64encode(mbtiles(tiles))
        # a budget for all the area's tiles but one
        self.env["ir.config_parameter"].set_param(
            "coup_field_app.tiles_budget_mb", str((len(area) - 0.5) * len(PNG) / 1048576))

        asked, shown = [], []
        switch = NetworkSwitch()
        real_app = http.Application.__call__

        def application(app, environ, start_response):
            path = environ.get("PATH_INFO", "")
            if path.startswith("/coup_fieldbook/basemap/") and not switch.offline:
                asked.append(tuple(int(v) for v in path.split("/")[-3:]))
            return real_app(app, environ, start_response)

        real_console = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, **kw):  # pylint: disable=redefined-builtin
            text = str(args and args[0].get("value"))
            if text.startswith("coup_field_app:tiles_shown"):
                shown.append(int(text.split()[-1]))
            return real_console(browser, type, args=args, **kw)

        with patch.object(http.Application, "__call__", application), \
                patch.object(ChromeBrowser, "_handle_console", handle_console):
            self.run_tour("coup_field_app_basemap_tour", switch)
        # the area's tiles only (not their neighbours in the basemap), each once
        self.assertEqual(sorted(asked), sorted(area))
        # drawn from the phone's copy while the network was cut
        self.assertTrue(shown and shown[0] > 0)
