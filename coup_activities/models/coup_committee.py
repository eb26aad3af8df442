from odoo import fields, models


class CoupCommittee(models.Model):
    """A standing committee of a cooperative (youth, women, audit…): its members with their
    roles and terms of office, and its own meetings (activities linked to it)."""

    _name = "coup.committee"
    _description = "Committee"
    _inherit = ["mail.thread"]
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True, index=True,
                                 default=lambda self: self.env.company)
    kind = fields.Selection(
        [("board", "Board"), ("audit", "Audit"), ("youth", "Youth"), ("women", "Women"),
         ("communication", "Communication"), ("other", "Other")], default="other", required=True)
    active = fields.Boolean(default=True)
    member_ids = fields.One2many("coup.committee.member", "committee_id", string="Members")
    current_member_count = fields.Integer(string="Current Members",
                                          compute="_compute_current_member_count")
    meeting_ids = fields.One2many("event.event", "coup_committee_id", string="Meetings")

    def _compute_current_member_count(self):
        counts = dict(self.env["coup.committee.member"]._read_group(
            [("committee_id", "in", self.ids), ("is_current", "=", True)], ["committee_id"],
            ["__count"]))
        for committee in self:
            committee.current_member_count = counts.get(committee, 0)

    def _current_memberships(self):
        """The cooperative memberships of the committee's members in office today."""
        return self.member_ids.filtered("is_current").membership_id
