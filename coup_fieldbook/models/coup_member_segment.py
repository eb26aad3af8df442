from odoo import api, fields, models


class CoupMemberSegment(models.Model):
    """Segments by what members grow: 'grows cashew', 'has an EUDR-ready parcel'."""

    _inherit = "coup.member.segment"

    coup_crop_id = fields.Many2one("product.template", string="Grows",
                                   domain="[('coup_is_crop', '=', True)]",
                                   help="Only members with a parcel of this crop.")
    coup_eudr_ready = fields.Boolean(string="Has an EUDR-Ready Parcel")

    @api.model
    def _member_count_depends(self):
        return super()._member_count_depends() + ["coup_crop_id", "coup_eudr_ready"]

    def _get_membership_domain(self):
        domain = super()._get_membership_domain()
        parcel = []
        if self.coup_crop_id:
            parcel.append(("crop_ids", "in", self.coup_crop_id.ids))
        if self.coup_eudr_ready:
            parcel.append(("eudr_ready", "=", True))
        if parcel:
            # a household member is in the segment through the principal's parcels
            domain.append("|")
            domain.append(("coup_parcel_ids", "any", parcel))
            domain.append(("principal_membership_id.coup_parcel_ids", "any", parcel))
        return domain
