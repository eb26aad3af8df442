from odoo import fields, models
from odoo.exceptions import UserError


class CoupCapitalResolutionMixin(models.AbstractModel):
    """A capital decision taken under a general assembly's resolution (``coup_activities``):
    the resolution must be of the same cooperative, of a general assembly, and adopted; it
    is required when the cooperative says so (``_coup_resolution_required``)."""

    _name = "coup.capital.resolution.mixin"
    _description = "Capital Decision under a Resolution"

    resolution_id = fields.Many2one(
        "coup.activity.resolution", string="General Assembly Resolution", check_company=True,
        index="btree_not_null", ondelete="restrict", tracking=True,
        domain="[('company_id', '=', company_id), ('event_id.coup_kind', '=', "
               "'general_assembly'), ('result', '=', 'adopted')]")
    assembly_id = fields.Many2one(related="resolution_id.event_id", string="General Assembly")

    def _coup_resolution_required(self):
        return False

    def _coup_check_resolution(self):
        for record in self:
            resolution = record.resolution_id.sudo()
            if not resolution:
                if record._coup_resolution_required():
                    raise UserError(self.env._(
                        "%(record)s: %(coop)s approves it under a resolution of its general "
                        "assembly: choose the adopted resolution.",
                        record=record.display_name, coop=record.company_id.name))
                continue
            if resolution.company_id != record.company_id:
                raise UserError(self.env._(
                    "%(resolution)s is a resolution of another cooperative.",
                    resolution=resolution.name))
            if resolution.event_id.coup_kind != "general_assembly":
                raise UserError(self.env._(
                    "%(resolution)s was voted at %(activity)s, not at a general assembly.",
                    resolution=resolution.name, activity=resolution.event_id.name))
            if resolution.result != "adopted":
                raise UserError(self.env._(
                    "%(resolution)s was rejected (%(for)s for, %(against)s against): it "
                    "approves nothing.", resolution=resolution.name, **{
                        "for": resolution.votes_for, "against": resolution.votes_against}))
