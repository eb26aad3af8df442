from odoo import fields, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    coup_answer_channel = fields.Selection(selection_add=[("field", "Field App")],
                                           ondelete={"field": "set null"})
