{
    "name": "Co-Up Field App: Activities",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "The field app takes open activities and their invitees offline; attendance "
               "by member card and answers collected on paper sync to the invitations",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_field_app", "coup_activities"],
    "auto_install": True,
    "data": [],
    "assets": {
        "coup_field_app.assets_tours": [
            "coup_field_app_activities/static/src/tours/**/*",
        ],
    },
    "installable": True,
}
