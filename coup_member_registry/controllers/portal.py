from odoo.addons.portal.controllers.portal import CustomerPortal


class CoupMemberPortal(CustomerPortal):
    pass
