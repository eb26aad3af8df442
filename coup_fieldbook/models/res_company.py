from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    coup_parcel_area_tolerance = fields.Float(
        string="Area Difference Flagged Beyond (%)", default=20.0,
        help="A parcel whose mapped area differs from the declared one by more than this share "
             "is flagged for a visit.")
    coup_parcel_overlap_tolerance = fields.Float(
        string="Overlap Flagged Beyond (%)", default=5.0,
        help="Two parcels that overlap by more than this share of the smaller one are flagged "
             "when a parcel is drawn or imported.")
    coup_basemap_file = fields.Binary(
        string="Offline Basemap (MBTiles)", attachment=True,
        help="A map of the cooperative's region as an MBTiles file (raster tiles, e.g. exported "
             "from QGIS or MOBAC). Odoo serves it to the browsers of its network, so maps show "
             "roads and villages with no internet.")
    coup_basemap_filename = fields.Char(string="Basemap File Name")
