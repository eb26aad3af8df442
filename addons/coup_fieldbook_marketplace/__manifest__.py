{
    "name": "Co-Up Field Book & Marketplace",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Each delivery names the parcels it grew on; a lot lists its deliveries, members "
               "and parcels and exports the EUDR geolocation of exactly those parcels; deliveries "
               "beyond what the parcels can yield are flagged",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_fieldbook", "coup_marketplace"],
    "auto_install": True,
    "data": [
        "views/coup_purchase_views.xml",
        "views/stock_lot_views.xml",
    ],
    "installable": True,
}
