from odoo import fields, models


class CoupParcelImportLine(models.TransientModel):
    """One feature of an imported GeoJSON file and what became of it."""

    _name = "coup.parcel.import.line"
    _description = "Parcel Import: Feature Report"
    _order = "index"

    import_id = fields.Many2one("coup.parcel.import", required=True, ondelete="cascade")
    index = fields.Integer(string="Feature", help="Position of the feature in the file, from 1.")
    name = fields.Char(string="Parcel")
    member_number = fields.Char(string="Member Number")
    status = fields.Selection([("ok", "Ready"), ("warning", "Ready, With a Warning"),
                               ("rejected", "Rejected"), ("imported", "Imported"),
                               ("known", "Already in the Field Book")],
                              required=True)
    message = fields.Text(string="Why")
    parcel_id = fields.Many2one("coup.parcel", string="Parcel in the Field Book",
                                help="The parcel this feature already is.")
