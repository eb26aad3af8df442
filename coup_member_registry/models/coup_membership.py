from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression

from ..tools import member_parsing

EXIT_STATES = ("resigned", "excluded", "deceased")


class CoupMembership(models.Model):
    """The legal tie between a person and one cooperative.

    A person may belong to several cooperatives, with one membership in each. Affiliated
    members (spouse, children, other household members) hang off their principal member's
    membership, so a household is read from either side.
    """

    _name = "coup.membership"
    _description = "Cooperative Membership"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "company_id, member_number"
    _rec_names_search = ["member_number", "partner_id.name"]
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, ondelete="restrict",
        tracking=True)
    company_id = fields.Many2one(
        "res.company", string="Cooperative", required=True, index=True,
        default=lambda self: self.env.company, tracking=True)
    member_number = fields.Char(
        string="Member Number", copy=False, index=True, tracking=True,
        help="Unique within the cooperative; given from the cooperative's sequence when left "
             "empty.")
    membership_type = fields.Selection(
        [("principal", "Principal"), ("affiliated", "Affiliated")], string="Type",
        required=True, default="principal", tracking=True)
    principal_membership_id = fields.Many2one(
        "coup.membership", string="Principal Member", index="btree_not_null",
        ondelete="restrict", check_company=True, tracking=True,
        domain="[('membership_type', '=', 'principal'), ('company_id', '=', company_id)]")
    relation = fields.Selection(
        [("spouse", "Spouse"), ("child", "Child"), ("parent", "Parent"),
         ("sibling", "Sibling"), ("other", "Other")], string="Relation to Principal")
    affiliated_membership_ids = fields.One2many(
        "coup.membership", "principal_membership_id", string="Affiliated Members")
    affiliated_count = fields.Integer(compute="_compute_affiliated_count")
    state = fields.Selection(
        [("candidate", "Candidate"), ("active", "Active"), ("suspended", "Suspended"),
         ("resigned", "Resigned"), ("excluded", "Excluded"), ("deceased", "Deceased")],
        string="Status", required=True, default="active", tracking=True, index=True)
    join_date = fields.Date(
        string="Join Date", default=fields.Date.context_today, tracking=True)
    exit_date = fields.Date(string="Exit Date", tracking=True)
    exit_reason = fields.Text(string="Exit Reason")
    active = fields.Boolean(default=True)
    # the member's own data, shown and filtered on membership lists
    gender = fields.Selection(related="partner_id.gender")
    birth_date = fields.Date(related="partner_id.birth_date")
    age = fields.Integer(related="partner_id.age")
    is_youth = fields.Boolean(string="Young Member", compute="_compute_is_youth",
                              search="_search_is_youth")
    village = fields.Char(related="partner_id.village")
    phone = fields.Char(related="partner_id.phone")
    national_id = fields.Char(related="partner_id.national_id")
    image_128 = fields.Image(related="partner_id.image_128")

    _sql_constraints = [
        ("member_number_company_uniq", "unique(company_id, member_number)",
         "A member number is given only once in a cooperative."),
        ("partner_company_uniq", "unique(partner_id, company_id)",
         "A person has only one membership in a cooperative."),
    ]

    @api.depends("partner_id", "member_number")
    def _compute_display_name(self):
        for membership in self:
            membership.display_name = " - ".join(
                filter(None, [membership.member_number, membership.partner_id.name]))

    def _compute_affiliated_count(self):
        counts = dict(self._read_group(
            [("principal_membership_id", "in", self.ids)], ["principal_membership_id"],
            ["__count"]))
        for membership in self:
            membership.affiliated_count = counts.get(membership, 0)

    @api.depends("birth_date", "company_id.coup_youth_age_min", "company_id.coup_youth_age_max")
    def _compute_is_youth(self):
        for membership in self:
            company = membership.company_id
            membership.is_youth = bool(membership.birth_date) and (
                company.coup_youth_age_min <= membership.age <= company.coup_youth_age_max)

    def _search_is_youth(self, operator, value):
        """Youth as each cooperative defines it: one birth-date range per age band."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        bands = companies.grouped(lambda c: (c.coup_youth_age_min, c.coup_youth_age_max))
        domains = []
        for (age_min, age_max), group in bands.items():
            first, last = member_parsing.birth_date_bounds(age_min, age_max, today)
            domains.append([("company_id", "in", group.ids), ("birth_date", ">=", first),
                            ("birth_date", "<=", last)])
        domain = expression.OR(domains) if domains else expression.FALSE_DOMAIN
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("membership_type", "principal_membership_id", "partner_id")
    def _check_household(self):
        for membership in self:
            principal = membership.principal_membership_id
            if membership.membership_type == "affiliated" and not principal:
                raise ValidationError(_(
                    "%s is an affiliated member: choose the principal member of their household.",
                    membership.partner_id.display_name))
            if membership.membership_type == "principal" and principal:
                raise ValidationError(_(
                    "%s is a principal member and cannot hang off another member.",
                    membership.partner_id.display_name))
            if principal and (principal.membership_type != "principal"
                              or principal.partner_id == membership.partner_id):
                raise ValidationError(_(
                    "%(member)s: %(principal)s is not a principal member they can be affiliated to.",
                    member=membership.partner_id.display_name,
                    principal=principal.partner_id.display_name))

    @api.constrains("state", "exit_date", "join_date")
    def _check_dates(self):
        for membership in self:
            if membership.exit_date and membership.join_date \
                    and membership.exit_date < membership.join_date:
                raise ValidationError(_(
                    "%(member)s: the exit date %(exit)s is before the join date %(join)s.",
                    member=membership.display_name, exit=membership.exit_date,
                    join=membership.join_date))

    @api.model_create_multi
    def create(self, vals_list):
        companies = self.env["res.company"].browse(
            [vals.get("company_id") or self.env.company.id for vals in vals_list])
        for vals, company in zip(vals_list, companies):
            vals.setdefault("company_id", company.id)
            if not vals.get("member_number"):
                vals["member_number"] = company._coup_member_sequence().next_by_id()
            if vals.get("state") in EXIT_STATES and not vals.get("exit_date"):
                vals["exit_date"] = fields.Date.context_today(self)
        self._check_member_numbers_free(
            [(vals["company_id"], vals["member_number"]) for vals in vals_list])
        self._check_one_membership_per_cooperative(
            [(vals["company_id"], vals.get("partner_id")) for vals in vals_list])
        return super().create(vals_list)

    def _check_one_membership_per_cooperative(self, pairs):
        """A clear error naming the person and the cooperative, before the database refuses."""
        existing = self.with_context(active_test=False).sudo().search([
            ("partner_id", "in", [partner for __, partner in pairs if partner]),
            ("company_id", "in", list({company for company, __ in pairs})),
        ]).filtered(lambda m: (m.company_id.id, m.partner_id.id) in pairs)
        if existing:
            raise ValidationError(_(
                "%(member)s is already a member of %(company)s (number %(number)s).",
                member=existing[0].partner_id.name, company=existing[0].company_id.name,
                number=existing[0].member_number))

    def _check_member_numbers_free(self, pairs):
        """A clear error naming the number and who holds it, before the database refuses it."""
        seen = set()
        for pair in pairs:
            if pair in seen:
                raise ValidationError(_("The member number %s is given twice.", pair[1]))
            seen.add(pair)
        taken = self.with_context(active_test=False).sudo().search([
            ("member_number", "in", [number for __, number in pairs]),
            ("company_id", "in", list({company for company, __ in pairs})),
            ("id", "not in", self.ids),
        ]).filtered(lambda m: (m.company_id.id, m.member_number) in seen)
        if taken:
            raise ValidationError(_(
                "The member number %(number)s is already %(member)s's in %(company)s.",
                number=taken[0].member_number, member=taken[0].partner_id.name,
                company=taken[0].company_id.name))

    def write(self, vals):
        if vals.get("member_number"):
            self._check_member_numbers_free(
                [(company.id, vals["member_number"]) for company in self.company_id])
        if vals.get("state") in EXIT_STATES and "exit_date" not in vals:
            vals["exit_date"] = fields.Date.context_today(self)
        elif vals.get("state") in ("candidate", "active", "suspended"):
            vals.setdefault("exit_date", False)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        kept = self.filtered(lambda m: m.state != "candidate" or m.affiliated_membership_ids)
        if kept:
            raise UserError(_(
                "The membership %s has a history with the cooperative: archive it or record "
                "the member's exit instead of deleting it.", kept[0].display_name))

    def _set_state(self, state):
        self.write({"state": state})

    def action_activate(self):
        self._set_state("active")

    def action_suspend(self):
        self._set_state("suspended")

    def action_resign(self):
        self._set_state("resigned")

    def action_exclude(self):
        self._set_state("excluded")

    def action_deceased(self):
        self._set_state("deceased")

    def action_coup_print_booklet(self):
        """The member's booklet, from the member form (the contact form has it too)."""
        self.ensure_one()
        return self.partner_id.action_coup_print_booklet()

    def action_open_household(self):
        self.ensure_one()
        principal = self.principal_membership_id or self
        return {
            "type": "ir.actions.act_window",
            "name": _("Household of %s", principal.partner_id.name),
            "res_model": "coup.membership",
            "view_mode": "list,form",
            "domain": ["|", ("id", "=", principal.id),
                       ("principal_membership_id", "=", principal.id)],
            "context": {"default_principal_membership_id": principal.id,
                        "default_membership_type": "affiliated",
                        "default_company_id": principal.company_id.id},
        }
