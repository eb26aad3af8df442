{
    "name": "Co-Up Trainings on eLearning",
    "version": "18.0.1.1.0",
    "category": "Cooperatives",
    "summary": "A training activity points to an eLearning course: its invitees are enrolled in "
               "one click and the activity counts who completed the course",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_activities", "website_slides"],
    "auto_install": True,
    "data": [
        "views/event_event_views.xml",
        "views/website_layout_templates.xml",
    ],
    "installable": True,
}
