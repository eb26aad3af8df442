{
    "name": "Co-Up Coop Shop (Point of Sale)",
    "version": "18.0.1.1.0",
    "uninstall_hook": "uninstall_hook",
    "category": "Cooperatives",
    "summary": "The coop shop on the till: member cards (checked offline too), members' "
               "prices, weighed goods on the scale, brands and suppliers' catalogues, price "
               "tags, volunteer cashiers by member card, a practice till; each ticket once",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "point_of_sale", "pos_hr", "product_brand"],
    "data": [
        "security/ir.model.access.csv",
        "security/coup_pos_coop_security.xml",
        "report/coup_price_tag_report.xml",
        "views/coup_work_group_views.xml",
        "views/product_template_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/coup_supplier_catalogue_import_views.xml",
    ],
    "demo": [
        "demo/coup_pos_coop_demo.xml",
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
