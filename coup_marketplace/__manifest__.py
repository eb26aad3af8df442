{
    "name": "Co-Up Marketplace",
    "version": "18.0.2.1.0",
    "category": "Cooperatives",
    "summary": "Produce bought from members at collection points: weights, quality deductions, "
               "season prices and premiums, a lot per delivery, the member's vendor bill, and "
               "indelible records chained by SHA-256 with a receipt anyone can verify",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "stock", "account", "portal"],
    "data": [
        "security/coup_marketplace_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "report/coup_purchase_receipt.xml",
        "report/coup_member_statement.xml",
        "views/coup_price_list_views.xml",
        "views/coup_purchase_views.xml",
        "views/coup_sale_views.xml",
        "views/res_company_views.xml",
        "views/coup_marketplace_menus.xml",
        "views/portal_templates.xml",
        "views/verify_templates.xml",
    ],
    "demo": [
        "demo/coup_marketplace_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "coup_marketplace/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
