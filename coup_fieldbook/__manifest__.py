{
    "name": "Co-Up Field Book",
    "version": "18.0.1.1.0",
    "category": "Cooperatives",
    "summary": "Members' parcels on a map (GeoJSON, geodesic areas), field operations and "
               "harvests, infrastructure and drop points, GeoJSON import and the EUDR "
               "geolocation export with its pre-check",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "product", "uom", "portal", "web_leaflet_lib",
                "web_leaflet_draw_lib"],
    "external_dependencies": {"python": ["shapely", "pyproj"]},
    "data": [
        "security/coup_fieldbook_security.xml",
        "security/ir.model.access.csv",
        "data/coup_certification_data.xml",
        "views/coup_parcel_views.xml",
        "views/coup_parcel_operation_views.xml",
        "views/coup_site_views.xml",
        "views/product_template_views.xml",
        "views/res_company_views.xml",
        "views/coup_membership_views.xml",
        "views/coup_member_segment_views.xml",
        "wizards/coup_parcel_import_views.xml",
        "wizards/coup_parcel_eudr_export_views.xml",
        "views/coup_fieldbook_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/coup_fieldbook_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coup_fieldbook/static/src/map/*",
        ],
        "web.assets_frontend": [
            "web_leaflet_lib/static/lib/leaflet/leaflet.css",
            "web_leaflet_lib/static/lib/leaflet/leaflet.js",
            "coup_fieldbook/static/src/map/map_layers.js",
            "coup_fieldbook/static/src/map/coup_map.scss",
            "coup_fieldbook/static/src/portal/*",
        ],
        "web.assets_tests": [
            "coup_fieldbook/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
