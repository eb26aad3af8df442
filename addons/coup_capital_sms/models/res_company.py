from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_capital_sms_reminder = fields.Boolean(
        string="Remind Instalments by SMS", default=True,
        help="An SMS to the member some days before each unpaid instalment falls due, and "
             "one when it is late.")
    coup_capital_sms_days = fields.Integer(
        string="Days Before the Due Date", default=7,
        help="How many days before an instalment falls due its reminder is sent.")
