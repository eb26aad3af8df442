{
    "name": "Co-Up Share Capital & Marketplace",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "The patronage return of a surplus distribution shared by the members' "
               "deliveries to the cooperative, by value or by weight",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_capital", "coup_marketplace"],
    "auto_install": True,
    "data": [],
    "installable": True,
}
