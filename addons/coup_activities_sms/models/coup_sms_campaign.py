from odoo import fields, models


class CoupSmsCampaign(models.Model):
    _inherit = "coup.sms.campaign"

    coup_event_id = fields.Many2one("event.event", string="Activity", index="btree_not_null",
                                    help="The activity whose invitations this campaign sends.")
