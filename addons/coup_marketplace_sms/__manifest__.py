{
    "name": "Co-Up Marketplace by SMS",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Contact by SMS the members who offer a product a buyer wants",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_marketplace", "coup_sms"],
    "auto_install": True,
    "data": [
        "views/coup_offer_views.xml",
    ],
    "installable": True,
}
