from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoupActivityResolution(models.Model):
    """A decision put to the vote at a general assembly or a meeting, with its count."""

    _name = "coup.activity.resolution"
    _description = "Resolution"
    _order = "event_id, sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    event_id = fields.Many2one("event.event", string="Activity", required=True,
                               ondelete="cascade", index=True, check_company=True)
    company_id = fields.Many2one(related="event_id.company_id", store=True, index=True)
    name = fields.Char(string="Resolution", required=True)
    votes_for = fields.Integer(string="For")
    votes_against = fields.Integer(string="Against")
    votes_abstain = fields.Integer(string="Abstaining")
    result = fields.Selection([("adopted", "Adopted"), ("rejected", "Rejected")],
                              compute="_compute_result", store=True)
    minutes = fields.Html(string="Minutes")

    @api.depends("votes_for", "votes_against")
    def _compute_result(self):
        for resolution in self:
            resolution.result = ("adopted" if resolution.votes_for > resolution.votes_against
                                 else "rejected")

    @api.constrains("votes_for", "votes_against", "votes_abstain")
    def _check_votes(self):
        for resolution in self:
            votes = (resolution.votes_for, resolution.votes_against, resolution.votes_abstain)
            if min(votes) < 0:
                raise ValidationError(_("%(resolution)s: a number of votes cannot be negative.",
                                        resolution=resolution.name))
            present = resolution.event_id.coup_attended_count
            if present and sum(votes) > present:
                raise ValidationError(_(
                    "%(resolution)s: %(votes)s votes counted, but only %(present)s members "
                    "attended %(activity)s.", resolution=resolution.name, votes=sum(votes),
                    present=present, activity=resolution.event_id.name))
