from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """A cooperative is a company; a union or federation is the parent of its cooperatives."""

    _inherit = "res.company"

    coup_is_federation = fields.Boolean(
        string="Federation", compute="_compute_coup_is_federation", store=True,
        help="A union or federation: a company whose children are its member cooperatives.")
    coup_member_prefix = fields.Char(
        string="Member Number Prefix",
        help="Prefix of the member numbers this cooperative gives, e.g. KL-.")
    coup_member_sequence_id = fields.Many2one(
        "ir.sequence", string="Member Number Sequence", copy=False, readonly=True)
    coup_youth_age_min = fields.Integer(string="Youth From Age", default=15)
    coup_youth_age_max = fields.Integer(string="Youth To Age", default=35)

    @api.depends("child_ids")
    def _compute_coup_is_federation(self):
        for company in self:
            company.coup_is_federation = bool(company.child_ids)

    @api.constrains("coup_youth_age_min", "coup_youth_age_max")
    def _check_coup_youth_band(self):
        for company in self:
            if not 0 <= company.coup_youth_age_min <= company.coup_youth_age_max <= 120:
                raise ValidationError(_(
                    "%(company)s: the youth age band %(min)s–%(max)s is not valid.",
                    company=company.name, min=company.coup_youth_age_min,
                    max=company.coup_youth_age_max))

    def _coup_member_sequence(self):
        """The cooperative's own member number sequence, made on first use."""
        self.ensure_one()
        if not self.coup_member_sequence_id:
            self.sudo().coup_member_sequence_id = self.env["ir.sequence"].sudo().create({
                "name": _("Member numbers of %s", self.name),
                "code": "coup.membership.%s" % self.id,
                "prefix": self.coup_member_prefix or "",
                "padding": 5,
                "company_id": self.id,
            })
        return self.coup_member_sequence_id

    def _coup_next_member_numbers(self, count):
        """``count`` new member numbers in one query (imports give thousands at once)."""
        self.ensure_one()
        if not count:
            return []
        sequence = self._coup_member_sequence().sudo()
        if sequence.implementation != "standard":
            return [sequence.next_by_id() for __ in range(count)]
        self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s)",
                            ["ir_sequence_%03d" % sequence.id, count])
        return [sequence.get_next_char(number) for number, in self.env.cr.fetchall()]

    def _coup_member_sequence_skip(self, numbers):
        """Move the sequence past imported numbers it could have given itself, so that the
        next member registered by hand does not get a number already taken."""
        self.ensure_one()
        sequence = self._coup_member_sequence().sudo()
        prefix = sequence.prefix or ""
        highest = max((int(number[len(prefix):]) for number in numbers
                       if number and number.startswith(prefix) and number[len(prefix):].isdigit()),
                      default=0)
        if highest >= sequence.number_next_actual:
            sequence.number_next = highest + 1

    def write(self, vals):
        res = super().write(vals)
        if "coup_member_prefix" in vals:
            for company in self.filtered("coup_member_sequence_id"):
                company.coup_member_sequence_id.sudo().prefix = company.coup_member_prefix or ""
        return res
