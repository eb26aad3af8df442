"""The field app itself: its page, web manifest and service worker.

The app is one page (``/coup_field``) that mounts an Owl root from the ``coup_field_app.assets``
bundle. Its service worker is served from ``/coup_field/sw.js`` so that its scope is the app's
own path: the page, its assets and its translations come back from the phone's cache when the
network is down, and nothing else of Odoo is touched.
"""
import json

from odoo import _, http
from odoo.http import request
from odoo.tools.misc import file_open

SW_PATH = "coup_field_app/static/src/sw/service_worker.js"


class FieldApp(http.Controller):

    @http.route("/coup_field", type="http", auth="user", methods=["GET"], sitemap=False)
    def coup_field_app(self, **kwargs):
        """The app's page: internal users (field agents) and portal users (members)."""
        user = request.env.user
        if not (user._is_internal() or user._is_portal()):
            return request.not_found()
        session_info = request.env["ir.http"].session_info()
        response = request.render("coup_field_app.app_page", {
            "session_info": session_info,
            "app_info": {
                "lang": user.lang or "en_US",
                "uid": user.id,
                "test_mode": bool(request.registry.in_test_mode()),
            },
            "test_mode": bool(request.registry.in_test_mode()),
        })
        # the service worker keeps its own copy: the browser's HTTP cache must not answer
        response.headers["Cache-Control"] = "no-store"
        return response

    @http.route("/coup_field/manifest.webmanifest", type="http", auth="public",
                methods=["GET"], sitemap=False)
    def coup_field_manifest(self, **kwargs):
        """The web app manifest: installed on the home screen, opened full screen."""
        manifest = {
            "name": _("Co-Up Field"),
            "short_name": _("Co-Up Field"),
            "description": _("Field work without a network: members, parcels, operations, "
                             "attendance"),
            "start_url": "/coup_field",
            "scope": "/coup_field",
            "display": "standalone",
            "orientation": "portrait",
            "background_color": "#ffffff",
            "theme_color": "#1b5e20",
            "icons": [
                {"src": "/web/static/img/odoo-icon-192x192.png", "sizes": "192x192",
                 "type": "image/png"},
                {"src": "/web/static/img/odoo-icon-512x512.png", "sizes": "512x512",
                 "type": "image/png"},
            ],
        }
        return request.make_response(json.dumps(manifest), headers=[
            ("Content-Type", "application/manifest+json"),
        ])

    @http.route("/coup_field/sw.js", type="http", auth="public", methods=["GET"],
                sitemap=False)
    def coup_field_service_worker(self, **kwargs):
        """The service worker, with the scope of the app's path."""
        with file_open(SW_PATH, "rb") as handle:
            body = handle.read()
        return request.make_response(body, headers=[
            ("Content-Type", "text/javascript"),
            ("Service-Worker-Allowed", "/coup_field"),
            ("Cache-Control", "no-cache"),
        ])
