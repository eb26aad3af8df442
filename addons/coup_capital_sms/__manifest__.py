{
    "name": "Co-Up Share Capital by SMS",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "SMS reminders of members' share instalments, before they fall due and once late",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_capital", "coup_sms"],
    "auto_install": True,
    "data": [
        "data/ir_cron_data.xml",
        "views/res_company_views.xml",
        "views/coup_share_instalment_views.xml",
    ],
    "installable": True,
}
