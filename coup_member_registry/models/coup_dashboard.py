from odoo import models


class CoupDashboard(models.AbstractModel):
    _name = "coup.dashboard"
    _description = "Cooperative Dashboard"
