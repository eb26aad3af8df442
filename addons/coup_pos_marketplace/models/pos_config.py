from odoo import api, fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    coup_collection = fields.Boolean(
        string="Collection Point",
        help="This till buys produce from members instead of selling: each ticket is a "
             "delivery of the marketplace, paid at the season's price.")
    coup_delivery_place_id = fields.Many2one(
        "res.partner", string="Drop Point",
        help="Where the produce is received; recorded on each delivery.")

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        return fields_ + ["coup_collection"] if fields_ else fields_
