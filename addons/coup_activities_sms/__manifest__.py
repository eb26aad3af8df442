{
    "name": "Co-Up Activities by SMS",
    "version": "18.0.2.0.0",
    "category": "Cooperatives",
    "summary": "Invitations to activities sent as SMS campaigns with a reply code; answers such "
               "as \"OUI 4821\" recorded; reminders the day before by Odoo's event schedulers",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_activities", "coup_sms", "event_sms"],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
    "data": [
        "data/sms_template_data.xml",
        "views/event_event_views.xml",
    ],
    "demo": [
        "demo/coup_activities_sms_demo.xml",
    ],
    "installable": True,
}
