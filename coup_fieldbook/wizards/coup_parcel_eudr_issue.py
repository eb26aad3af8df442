from odoo import fields, models


class CoupParcelEudrIssue(models.TransientModel):
    """What the EU Information System would refuse of one parcel."""

    _name = "coup.parcel.eudr.issue"
    _description = "EUDR Pre-Check: Parcel Issue"
    _order = "id"

    export_id = fields.Many2one("coup.parcel.eudr.export", required=True, ondelete="cascade")
    parcel_id = fields.Many2one("coup.parcel", string="Parcel")
    member_number = fields.Char(related="parcel_id.member_number")
    message = fields.Text(string="What TRACES Would Refuse")
