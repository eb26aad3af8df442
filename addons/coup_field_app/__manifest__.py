{
    "name": "Co-Up Field App",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "An installable offline web app for field agents and members: prepare a village, "
    "walk parcels with the GPS, register members, record operations with photos; syncs "
    "exactly once when the network returns",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "coup_fieldbook", "portal"],
    "external_dependencies": {"python": ["shapely", "pyproj"]},
    "data": [
        # server side: sync, captures, proposals, access
        "security/coup_field_app_security.xml",
        "security/ir.model.access.csv",
        "views/coup_field_capture_views.xml",
        # the app: its page, manifest, service worker
        "views/coup_field_app_templates.xml",
    ],
    "assets": {
        # the app's own bundle, as hr_attendance's kiosk: Odoo's core (Owl, services,
        # translations) and Bootstrap without the backend's web client
        "coup_field_app.assets": [
            ("include", "web._assets_helpers"),
            ("include", "web._assets_primary_variables"),
            ("include", "web._assets_frontend_helpers"),
            "web/static/src/scss/pre_variables.scss",
            "web/static/lib/bootstrap/scss/_variables.scss",
            "web/static/lib/bootstrap/scss/_variables-dark.scss",
            "web/static/lib/bootstrap/scss/_maps.scss",
            ("include", "web._assets_bootstrap_frontend"),
            ("include", "web._assets_core"),
            "web/static/src/session.js",
            "web_leaflet_lib/static/lib/leaflet/leaflet.css",
            "web_leaflet_lib/static/lib/leaflet/leaflet.js",
            "coup_field_app/static/src/app/**/*",
        ],
        # loaded by the app's page in test mode only (as the POS's assets_debug)
        "coup_field_app.assets_tours": [
            "web_tour/static/src/tour_pointer/**/*",
            "web_tour/static/src/tour_service/**/*",
            ("remove", "web_tour/static/src/tour_pointer/**/*.scss"),
            "web/static/lib/hoot-dom/**/*",
            "coup_field_app/static/src/tours/**/*",
        ],
    },
    "installable": True,
}
