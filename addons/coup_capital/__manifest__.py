{
    "name": "Co-Up Share Capital",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Members' share capital: share classes, subscriptions paid at once or in "
    "instalments, the indelible share register, transfers and redemptions, capital entries",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "account", "portal"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/coup_capital_security.xml",
        "security/ir.model.access.csv",
        "views/coup_share_class_views.xml",
        "views/coup_share_subscription_views.xml",
        "views/coup_share_movement_views.xml",
        "views/coup_share_transfer_views.xml",
        "views/coup_share_redemption_views.xml",
        "views/coup_membership_views.xml",
        "views/res_company_views.xml",
        "report/coup_share_register_report.xml",
        "report/coup_share_certificate_report.xml",
        "views/coup_share_certificate_views.xml",
        "views/verify_templates.xml",
        "views/portal_templates.xml",
        "views/coup_surplus_distribution_views.xml",
        "views/coup_capital_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coup_capital/static/src/tours/**/*",
        ],
    },
    "demo": [
        "demo/coup_capital_demo.xml",
    ],
    "installable": True,
}
