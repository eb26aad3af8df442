{
    "name": "Co-Up Test: Booklet Hook",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "summary": "Test-only: a second module adds its own rows to the member booklet",
    "description": """
Proves the member booklet's extension point: this module adds deliveries to the booklet by
extending ``coup.member.booklet._booklet_queries`` and ``kind``; the registry never names it.
Installed by the test runner only.
""",
    "author": "Co-Up for Odoo",
    "license": "LGPL-3",
    "depends": ["coup_member_registry"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
    "auto_install": False,
    "application": False,
}
