{
    "name": "Co-Up Share Capital and General Assemblies",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "A surplus distribution or a redemption approved under the general assembly's "
    "resolution it follows from",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_capital", "coup_activities"],
    "auto_install": True,
    "data": [
        "views/coup_capital_activities_views.xml",
    ],
    "installable": True,
}
