from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..tools import member_parsing, person_match
from ..tools import phone as phones


class ResPartner(models.Model):
    """A member is a person shared across cooperatives; each tie is a ``coup.membership``."""

    _inherit = "res.partner"

    member_first_name = fields.Char(string="First Name")
    member_last_name = fields.Char(string="Last Name")
    gender = fields.Selection(
        [("male", "Male"), ("female", "Female"), ("other", "Other")], string="Gender")
    birth_date = fields.Date(string="Birth Date")
    age = fields.Integer(string="Age", compute="_compute_age")
    is_youth = fields.Boolean(
        string="Young Member", compute="_compute_age", search="_search_is_youth",
        help="Within the youth age band of the current cooperative (15–35 unless set otherwise).")
    national_id = fields.Char(string="National ID", index="btree_not_null", copy=False)
    village = fields.Char(string="Village", index="btree_not_null")
    sms_consent = fields.Boolean(string="SMS Consent", tracking=True)
    sms_consent_date = fields.Date(string="SMS Consent Date")
    data_consent = fields.Boolean(string="Data Consent", tracking=True,
                                  help="The member agreed that the cooperative keeps their data.")
    data_consent_date = fields.Date(string="Data Consent Date")
    coup_membership_ids = fields.One2many(
        "coup.membership", "partner_id", string="Memberships")
    coup_membership_count = fields.Integer(compute="_compute_coup_membership_count")
    coup_is_member = fields.Boolean(
        string="Is a Member", compute="_compute_coup_membership_count",
        search="_search_coup_is_member")
    coup_household_partner_ids = fields.Many2many(
        "res.partner", string="Household", compute="_compute_coup_household_partner_ids",
        help="The principal member and the affiliated members of this person's households.")
    coup_booklet_line_ids = fields.One2many(
        "coup.member.booklet", "partner_id", string="Member Booklet")

    @api.depends("birth_date")
    @api.depends_context("company")
    def _compute_age(self):
        today = fields.Date.context_today(self)
        company = self.env.company
        for partner in self:
            partner.age = member_parsing.age_on(partner.birth_date, today)
            partner.is_youth = bool(partner.birth_date) and (
                company.coup_youth_age_min <= partner.age <= company.coup_youth_age_max)

    def _search_is_youth(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        company = self.env.company
        first, last = member_parsing.birth_date_bounds(
            company.coup_youth_age_min, company.coup_youth_age_max,
            fields.Date.context_today(self))
        domain = [("birth_date", ">=", first), ("birth_date", "<=", last)]
        if (operator == "=") == value:
            return domain
        return ["|", ("birth_date", "=", False), "!", "&", *domain]

    @api.depends("coup_membership_ids")
    def _compute_coup_membership_count(self):
        counts = dict(self.env["coup.membership"]._read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]))
        for partner in self:
            partner.coup_membership_count = counts.get(partner, 0)
            partner.coup_is_member = bool(partner.coup_membership_count)

    def _search_coup_is_member(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Operation not supported"))
        positive = (operator == "=") == value
        return [("coup_membership_ids", "!=" if positive else "=", False)]

    @api.depends("coup_membership_ids.principal_membership_id",
                 "coup_membership_ids.affiliated_membership_ids")
    def _compute_coup_household_partner_ids(self):
        for partner in self:
            principals = partner.coup_membership_ids.mapped(
                lambda m: m.principal_membership_id or m)
            household = principals.partner_id | principals.affiliated_membership_ids.partner_id
            partner.coup_household_partner_ids = household - partner

    @api.constrains("phone", "mobile", "country_id")
    def _check_coup_member_phone(self):
        """A member's phone and mobile are kept as typed, in any layout ("76 79 32 92",
        "+223 76-79-32-92"), but must be a valid number of the member's country (their own,
        else their cooperative's): campaigns send to that number in E.164 and replies are
        matched by it, so a typo is refused while someone can still ask the member, rather than
        an SMS silently lost later. Contacts that are not members keep Odoo's behaviour: any
        text, never rewritten."""
        for partner in self.filtered("coup_membership_ids"):
            for fname in ("phone", "mobile"):
                number = partner[fname]
                if number and not partner._coup_format_phone(number):
                    raise ValidationError(_(
                        "%(member)s: %(phone)s is not a valid phone number of %(country)s. "
                        "Check the digits; for a number from another country, start with + "
                        "and the country code.",
                        member=partner.display_name, phone=number,
                        country=partner._coup_phone_country().name or _("any country")))

    def _coup_phone_country(self):
        """The country a member's phone numbers are read in: the member's own, else that of
        their cooperative (the current one among theirs first), else the current company's."""
        self.ensure_one()
        if self.country_id:
            return self.country_id
        companies = self.coup_membership_ids.company_id
        company = self.env.company if self.env.company in companies else companies[:1]
        return company.country_id or self.env.company.country_id

    def _coup_format_phone(self, number):
        """E.164 form of ``number`` read in the member's country, or False if it is not a valid
        phone number there. What was typed stays stored as typed; this is the number to send
        to and to compare."""
        try:
            return member_parsing.parse_phone(number, self._coup_phone_country().code)
        except member_parsing.ParseError:
            return False

    @api.model
    def _coup_match_person(self, name, phone=False, national_id=False, birth_date=False,
                           region=False):
        """The person already in the database that a new member's details describe, or an
        empty recordset. The import's rules (``tools/person_match``), for one person typed at
        a till or a phone: the same national ID; else the same name (accents, case, spacing
        and word order aside) with the same phone (compared in E.164 read in ``region``) or
        the same birth date. A phone alone is no match: a household often shares one."""
        if not person_match.name_key(name) and not person_match.nid_key(national_id):
            return self.browse()
        e164 = phones.key(phone, region) if phone else None
        digits = "".join(c for c in (e164 or "") if c.isdigit())[-8:]
        # a sieve in one query (national ID, birth date, phone digits, name with accents and
        # case folded); tools/person_match decides, as it does for the import and SMS
        self.env.cr.execute(SQL("""
            SELECT id, name, phone, national_id, birth_date FROM res_partner
             WHERE active AND NOT is_company
               AND ((%(nid)s::varchar IS NOT NULL AND national_id = %(nid)s)
                    OR (%(birth)s::date IS NOT NULL AND birth_date = %(birth)s)
                    OR trim(regexp_replace(lower(translate(name, %(accents)s, %(plain)s)),
                                           '[^a-z0-9]+', ' ', 'g')) = %(name)s
                    OR (%(digits)s <> '' AND regexp_replace(phone, '[^0-9]', '', 'g')
                                             LIKE %(ending)s))
             ORDER BY id
        """, nid=national_id or None, birth=person_match.date_key(birth_date) or None,
            accents=person_match.SQL_ACCENTS, plain=person_match.SQL_PLAIN,
            name=person_match.sql_name(name), digits=digits, ending="%" + digits))
        index = person_match.PersonIndex(region)
        for pid, pname, pphone, pnid, pbirth in self.env.cr.fetchall():
            index.add(pid, pname, pphone, pnid, pbirth)
        found = index.find(name, phone, national_id, birth_date)
        if found:
            return self.browse(found)
        return self.browse()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coup_prepare_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._coup_prepare_vals(vals)
        return super().write(vals)

    def _coup_prepare_vals(self, vals):
        """Name from first and last names, consent dates stamped when consent is given or
        withdrawn. Phones are stored as typed (see ``_check_coup_member_phone``)."""
        if not vals.get("name") and (vals.get("member_first_name") or vals.get("member_last_name")):
            vals["name"] = " ".join(filter(None, [vals.get("member_first_name"),
                                                  vals.get("member_last_name")]))
        today = fields.Date.context_today(self)
        for flag in ("sms_consent", "data_consent"):
            if flag in vals and f"{flag}_date" not in vals:
                vals[f"{flag}_date"] = today if vals[flag] else False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_coup_member(self):
        members = self.filtered("coup_membership_ids")
        if members:
            raise UserError(_(
                "%s is a member of a cooperative: archive the contact instead of deleting it, "
                "so the member's history stays whole.", members[0].display_name))

    def action_coup_open_memberships(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_member_registry.coup_membership_action")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def _coup_booklet_company(self):
        """The cooperative whose letterhead a member's booklet is printed under: the current
        company when the member belongs to it, else the cooperative of their current (else
        latest) membership; Odoo's current company for a contact who is no member."""
        self.ensure_one()
        # read through the memberships, not the contact: the contact's own fields stay read
        # with the user's rights
        memberships = self.env["coup.membership"].sudo().with_context(active_test=False) \
            .search([("partner_id", "=", self.id)])
        if memberships and not self.env.su and not self.env["coup.membership"].with_context(
                active_test=False).search_count([("partner_id", "=", self.id)], limit=1):
            # a member of other cooperatives only: personal data this user may not print
            raise AccessError(_("%s is not a member of your cooperatives.", self.display_name))
        if self.env.company in memberships.company_id:
            return self.env.company.sudo()
        current = memberships.filtered(lambda m: m.state in ("candidate", "active", "suspended"))
        chosen = (current or memberships).sorted(
            lambda m: (m.join_date or fields.Date.to_date("1900-01-01"), m.id), reverse=True)[:1]
        return (chosen.company_id or self.env.company).sudo()

    def action_coup_print_booklet(self):
        return self.env.ref("coup_member_registry.action_report_coup_member_booklet") \
            .report_action(self)
