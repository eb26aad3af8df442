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
        "coup_field_app.assets": [
            # the app's own bundle (filled by the app's files)
        ],
        "web.assets_tests": [
            "coup_field_app/static/src/tours/**/*",
        ],
    },
    "installable": True,
}
