from odoo import _, api, fields, models
from odoo.osv import expression

from ..tools import member_parsing


class CoupMemberSegment(models.Model):
    """A saved "who": the members that invitations, SMS campaigns and shared documents target.

    Feature modules add criteria by adding fields and extending ``_get_membership_domain``
    with ``super()``.
    """

    _name = "coup.member.segment"
    _description = "Member Segment"
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company,
        help="Members of this cooperative, and of its current member cooperatives for a "
             "federation.")
    include_child_companies = fields.Boolean(
        string="Include Member Cooperatives", default=True,
        help="For a federation: also the members of the cooperatives that belong to it today.")
    membership_type = fields.Selection(
        [("principal", "Principal"), ("affiliated", "Affiliated")], string="Member Type")
    state = fields.Selection(
        selection=lambda self: self.env["coup.membership"]._fields["state"].selection,
        string="Status", default="active")
    gender = fields.Selection(
        selection=lambda self: self.env["res.partner"]._fields["gender"].selection,
        string="Gender")
    youth_only = fields.Boolean(string="Youth Only",
                                help="Within each cooperative's youth age band.")
    age_min = fields.Integer(string="Minimum Age")
    age_max = fields.Integer(string="Maximum Age")
    village = fields.Char(string="Village", help="Villages whose name contains this text.")
    member_count = fields.Integer(string="Members", compute="_compute_member_count")

    @api.model
    def _member_count_depends(self):
        """The criteria the member count follows; modules adding criteria extend this list
        with super(), so that every module's criteria refresh the count together."""
        return ["company_id", "include_child_companies", "membership_type", "state", "gender",
                "youth_only", "age_min", "age_max", "village"]

    @api.depends(lambda self: self._member_count_depends())
    def _compute_member_count(self):
        Membership = self.env["coup.membership"]
        for segment in self:
            segment.member_count = Membership.search_count(segment._get_membership_domain())

    def _get_membership_domain(self):
        """Domain on ``coup.membership`` of the segment's members; extend with super()."""
        self.ensure_one()
        companies = self.company_id
        if self.include_child_companies:
            companies |= self.company_id._coup_member_companies_on()
        domain = [("company_id", "in", companies.ids)]
        if self.membership_type:
            domain.append(("membership_type", "=", self.membership_type))
        if self.state:
            domain.append(("state", "=", self.state))
        if self.gender:
            domain.append(("gender", "=", self.gender))
        if self.youth_only:
            domain.append(("is_youth", "=", True))
        if self.age_min or self.age_max:
            first, last = member_parsing.birth_date_bounds(
                self.age_min or 0, self.age_max or 150, fields.Date.context_today(self))
            domain += [("birth_date", ">=", first), ("birth_date", "<=", last)]
        if self.village:
            domain.append(("village", "ilike", self.village))
        return domain

    def _get_memberships(self):
        """Memberships in any of the segments."""
        return self.env["coup.membership"].search(
            expression.OR([segment._get_membership_domain() for segment in self]))

    def _get_partners(self):
        """The people of the segment, each once."""
        return self._get_memberships().partner_id

    def action_view_members(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_member_registry.coup_membership_action")
        action.update(name=_("Members of %s", self.name), domain=self._get_membership_domain(),
                      context={"create": False})
        return action
