{
    "name": "Co-Up Collection Points (Point of Sale & Marketplace)",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "A till in collection mode buys produce from members: card scanned, bags weighed "
               "on the scale (a typed weight is flagged), moisture, the season's price; each "
               "collection ticket is a delivery of the marketplace, recorded once; producers "
               "registered at the till, even offline",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_pos_coop", "coup_marketplace"],
    "auto_install": True,
    "data": [
        "security/ir.model.access.csv",
        "security/coup_pos_marketplace_security.xml",
        "views/coup_purchase_views.xml",
        "views/coup_collection_registration_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/coup_pos_marketplace_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "coup_pos_marketplace/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "coup_pos_marketplace/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
