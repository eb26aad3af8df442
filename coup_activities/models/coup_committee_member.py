from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoupCommitteeMember(models.Model):
    """A member's seat on a committee: a role for a term of office."""

    _name = "coup.committee.member"
    _description = "Committee Member"
    _order = "committee_id, date_end desc nulls first, role, date_start desc"
    _check_company_auto = True

    committee_id = fields.Many2one("coup.committee", required=True, ondelete="cascade",
                                   index=True)
    company_id = fields.Many2one(related="committee_id.company_id", store=True, index=True)
    membership_id = fields.Many2one(
        "coup.membership", string="Member", required=True, ondelete="cascade", index=True,
        check_company=True, domain="[('company_id', '=', company_id)]")
    partner_id = fields.Many2one(related="membership_id.partner_id", store=True, string="Person")
    role = fields.Selection(
        [("president", "President"), ("vice_president", "Vice-President"),
         ("secretary", "Secretary"), ("treasurer", "Treasurer"), ("member", "Member")],
        default="member", required=True)
    date_start = fields.Date(string="Term Starts", required=True,
                             default=fields.Date.context_today)
    date_end = fields.Date(string="Term Ends")
    is_current = fields.Boolean(string="In Office", compute="_compute_is_current",
                                search="_search_is_current")

    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for seat in self:
            seat.is_current = seat.date_start <= today and (
                not seat.date_end or seat.date_end >= today)

    def _search_is_current(self, operator, value):
        today = fields.Date.context_today(self)
        current = ["&", ("date_start", "<=", today), "|", ("date_end", "=", False),
                   ("date_end", ">=", today)]
        return current if (operator == "=") == bool(value) else ["!"] + current

    @api.constrains("date_start", "date_end", "committee_id", "membership_id", "role")
    def _check_term(self):
        for seat in self:
            if seat.date_end and seat.date_end < seat.date_start:
                raise ValidationError(_(
                    "%(member)s on %(committee)s: the term ends (%(end)s) before it starts "
                    "(%(start)s).", member=seat.membership_id.display_name,
                    committee=seat.committee_id.name, end=seat.date_end, start=seat.date_start))
            overlapping = self.search([
                ("id", "!=", seat.id), ("committee_id", "=", seat.committee_id.id),
                ("membership_id", "=", seat.membership_id.id),
                ("date_start", "<=", seat.date_end or "9999-12-31"),
                "|", ("date_end", "=", False), ("date_end", ">=", seat.date_start)])
            if overlapping:
                raise ValidationError(_(
                    "%(member)s already sits on %(committee)s for part of that term.",
                    member=seat.membership_id.display_name, committee=seat.committee_id.name))
            if seat.role != "member":
                same_role = self.search([
                    ("id", "!=", seat.id), ("committee_id", "=", seat.committee_id.id),
                    ("role", "=", seat.role),
                    ("date_start", "<=", seat.date_end or "9999-12-31"),
                    "|", ("date_end", "=", False), ("date_end", ">=", seat.date_start)])
                if same_role:
                    raise ValidationError(_(
                        "%(committee)s already has a %(role)s for part of that term: "
                        "%(other)s.", committee=seat.committee_id.name,
                        role=dict(self._fields["role"]._description_selection(self.env))[
                            seat.role], other=same_role[:1].membership_id.display_name))
