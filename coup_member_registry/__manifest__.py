{
    "name": "Co-Up Member Registry",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Cooperatives, federations and their members: register, households, "
    "import/export, booklet, dashboard, portal",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["base_setup", "contacts", "mail", "portal"],
    "external_dependencies": {"python": ["openpyxl", "phonenumbers"]},
    "data": [
        "security/coup_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "report/coup_member_booklet_views.xml",
        "report/coup_member_booklet_report.xml",
        "report/coup_member_booklet_templates.xml",
        "views/coup_membership_views.xml",
        "views/res_partner_views.xml",
        "views/coup_member_segment_views.xml",
        "views/coup_member_import_views.xml",
        "wizards/coup_member_export_views.xml",
        "views/res_company_views.xml",
        "views/res_config_settings_views.xml",
        "views/coup_dashboard_views.xml",
        "views/coup_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/coup_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coup_member_registry/static/src/dashboard/**/*",
            "coup_member_registry/static/src/import_progress/**/*",
        ],
        "web.assets_tests": [
            "coup_member_registry/static/src/tours/**/*",
        ],
    },
    "application": True,
    "installable": True,
}
