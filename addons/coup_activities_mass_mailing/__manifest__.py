{
    "name": "Co-Up Activities with Email Marketing",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "One Invite button on a cooperative's activity: the members' invitation, not "
    "email marketing's",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_activities", "mass_mailing_event"],
    "data": ["views/event_event_views.xml"],
    "auto_install": True,
    "installable": True,
}
