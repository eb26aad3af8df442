{
    "name": "Co-Up Coop Shop (Point of Sale)",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Members at the till: the member card scanned shows the member's state and "
               "household, members' and non-members' prices, suspended members refused, cards "
               "checked with the network down; each ticket recorded once",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "point_of_sale", "pos_hr"],
    "data": [
        "security/ir.model.access.csv",
        "security/coup_pos_coop_security.xml",
        "views/coup_work_group_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "coup_pos_coop/static/src/app/**/*",
        ],
        "web.assets_tests": [
            "coup_pos_coop/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
