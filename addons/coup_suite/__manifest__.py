{
    "name": "Co-Up Suite",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Everything Co-Up for cooperatives and federations, in one install",
    "description": """
Installs every Co-Up module: the member register and the feature modules built on it. With
demo data it sets up a federation with two member cooperatives, one in Mali and one in
Colombia, about sixty members with their households, and a user for each role.
""",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    # Every coup_* feature module of the repository. The bridges under addons/ need not be listed: they
    # are auto_install and come with the two features they join.
    "depends": [
        "coup_member_registry",
        "coup_activities",
        "coup_fieldbook",
        "coup_marketplace",
        "coup_pos_coop",
        "coup_sms",
    ],
    "data": [],
    "application": True,
    "installable": True,
}
