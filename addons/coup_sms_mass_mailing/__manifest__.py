{
    "name": "Co-Up SMS for SMS Marketing",
    "version": "18.0.1.0.0",
    "category": "Cooperatives",
    "summary": "Test SMS of SMS marketing go through the cooperative's gateway",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_sms", "mass_mailing_sms"],
    "auto_install": True,
    "installable": True,
}
