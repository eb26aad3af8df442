{
    "name": "Co-Up Share Capital & Coop Shop",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "The patronage return of a surplus distribution shared by the members' "
               "purchases at the coop shop's tills, alone or added to their deliveries",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_capital", "coup_pos_coop"],
    "auto_install": True,
    "data": [
        "views/coup_surplus_distribution_views.xml",
    ],
    "installable": True,
}
