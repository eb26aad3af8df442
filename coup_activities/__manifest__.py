{
    "name": "Co-Up Activities & Governance",
    "version": "18.0.2.1.0",
    "category": "Cooperatives",
    "summary": "General assemblies, meetings, trainings and field days on Odoo Events: invitations "
               "to member segments, answers from the portal or a signed link, attendance by "
               "member card, quorum and resolutions",
    "author": "Co-Up for Odoo",
    "website": "https://github.com/co-up/co-up-odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry", "event", "portal"],
    "data": [
        "security/coup_activities_security.xml",
        "security/ir.model.access.csv",
        "report/coup_activity_attendance_sheet.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "views/coup_activity_resolution_views.xml",
        "views/res_company_views.xml",
        "views/coup_member_segment_views.xml",
        "views/coup_committee_views.xml",
        "wizards/coup_activity_invite_views.xml",
        "views/coup_activities_menus.xml",
        "views/portal_templates.xml",
        "views/portal_documents_templates.xml",
    ],
    "demo": [
        "demo/coup_activities_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "coup_activities/static/src/attendance/*",
        ],
        "web.assets_tests": [
            "coup_activities/static/src/tours/*.js",
        ],
    },
    "installable": True,
}
