{
    "name": "Co-Up SMS",
    "version": "18.0.1.1.0",
    "category": "Cooperatives",
    "summary": "SMS with members through local gateways (Africa's Talking, Twilio, any HTTP "
               "API): campaigns to segments, replies, opt-outs, delivery reports",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "sms"],
    "external_dependencies": {"python": ["requests"]},
    "data": [
        "security/coup_sms_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/coup_sms_gateway_views.xml",
        "views/coup_sms_campaign_views.xml",
        "views/coup_sms_campaign_message_views.xml",
        "views/coup_sms_inbound_views.xml",
        "views/coup_sms_delivery_report_views.xml",
        "views/sms_sms_views.xml",
        "views/res_config_settings_views.xml",
        "views/coup_sms_menus.xml",
    ],
    "demo": [
        "demo/coup_sms_demo.xml",
    ],
    "installable": True,
}
