from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.coup_member_registry.tools import phone as phones


class CoupCollectionRegistration(models.Model):
    """A member registered by a collector at a collection point, kept as it was typed.

    A collection point often meets producers the register does not have yet, with the network
    down. The till keeps what the collector typed under an identifier of its own and sends it
    when it can; the server makes the member once, or joins them to the person already
    registered (by another till, the office or an import), and keeps this record so the
    office sees who was registered where, and whether it was a new person.
    """

    _name = "coup.collection.registration"
    _description = "Member Registered at a Collection Point"
    _order = "create_date desc, id desc"
    _rec_name = "name"
    _check_company_auto = True

    client_ref = fields.Char(string="Till Reference", required=True, readonly=True,
                             help="The identifier the till gave the registration, so that a "
                                  "registration sent twice makes one member.")
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 readonly=True, index=True)
    pos_config_id = fields.Many2one("pos.config", string="Collection Point", readonly=True,
                                    check_company=True)
    user_id = fields.Many2one("res.users", string="Collector", readonly=True,
                              default=lambda self: self.env.user)
    registered_on = fields.Datetime(string="Registered On", readonly=True,
                                    help="When the collector registered the member at the till "
                                         "(it may have been sent later, with the network back).")
    name = fields.Char(string="Name as Typed", required=True, readonly=True)
    phone = fields.Char(string="Phone as Typed", readonly=True)
    village = fields.Char(string="Village", readonly=True)
    gender = fields.Selection(selection=lambda self: self.env["res.partner"]._fields[
        "gender"].selection, string="Gender", readonly=True)
    national_id = fields.Char(string="National ID", readonly=True)
    membership_id = fields.Many2one("coup.membership", string="Member", required=True,
                                    readonly=True, check_company=True, ondelete="restrict")
    partner_id = fields.Many2one(related="membership_id.partner_id", string="Person")
    member_number = fields.Char(related="membership_id.member_number")
    outcome = fields.Selection(
        [("new", "New Person"), ("joined", "Known Person, New Member"),
         ("existing", "Already a Member")], string="Outcome", required=True, readonly=True,
        help="New Person: nobody in the database matched. Known Person: a person of the "
             "database (a member of another cooperative, a contact) matched and became a "
             "member here. Already a Member: the cooperative had them already; nothing was "
             "created.")
    note = fields.Char(string="Note", readonly=True)

    _sql_constraints = [
        ("client_ref_company_uniq", "unique(company_id, client_ref)",
         "A registration of a till is recorded once."),
    ]

    @api.model
    def coup_pos_register_member(self, config_id, registration):
        """A member registered at the till: what the till shows of them afterwards."""
        config = self._coup_pos_collection_config(config_id)
        record = self._coup_register(config, registration)
        membership = record.membership_id
        return {"partner_id": membership.partner_id.id, "name": membership.partner_id.name,
                "member_number": membership.member_number, "outcome": record.outcome,
                "note": record.note or False}

    @api.model
    def _coup_pos_collection_config(self, config_id):
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise UserError(_("Only the till's users record collection tickets."))
        if not config.coup_collection:
            raise UserError(_("%s is not a collection point.", config.name))
        return config

    @api.model
    def _coup_register(self, config, registration):
        """The registration ``{"ref", "name", "phone", "village", "gender", "national_id",
        "registered_on"}`` recorded once: sent again with the same ``ref``, the first record
        is returned. The till's user registers without the registry's rights: what they may
        send is this, checked here."""
        company = config.company_id
        ref = (registration.get("ref") or "").strip()
        name = " ".join((registration.get("name") or "").split())
        if not ref:
            raise UserError(_("The registration has no till reference."))
        Registration = self.sudo().with_company(company)
        done = Registration.search([("company_id", "=", company.id), ("client_ref", "=", ref)])
        if done:
            return done
        if not name:
            raise UserError(_("Type the new member's name."))
        gender = registration.get("gender") or False
        if gender not in dict(self.env["res.partner"]._fields["gender"].selection):
            gender = False
        phone = (registration.get("phone") or "").strip() or False
        national_id = (registration.get("national_id") or "").strip() or False
        village = (registration.get("village") or "").strip() or False
        note = False
        region = company.country_id.code
        if phone:
            try:
                phones.to_e164(phone, region)
            except phones.PhoneError:
                # a wrong detail must not cost the member their delivery: kept here, not on them
                note = _("%(phone)s is not a phone number of %(country)s: the member was "
                         "registered without it.", phone=phone,
                         country=company.country_id.name or _("the cooperative's country"))
        vals = {"client_ref": ref, "company_id": company.id, "pos_config_id": config.id,
                "user_id": self.env.user.id, "name": name, "phone": phone, "village": village,
                "gender": gender, "national_id": national_id, "note": note,
                "registered_on": self._coup_client_datetime(registration.get("registered_on"))}
        try:
            # the member and the record together: two crossing sendings make one of each
            with self.env.cr.savepoint():
                return Registration.create(self._coup_member_vals(config, vals))
        except Exception:
            done = Registration.search([("company_id", "=", company.id),
                                        ("client_ref", "=", ref)])
            if done:
                return done
            raise

    @api.model
    def _coup_member_vals(self, config, vals):
        """``vals`` with the member: the person the details match (see
        ``res.partner._coup_match_person``) and their membership here, made when missing."""
        company = config.company_id
        Partner = self.env["res.partner"].sudo()
        Membership = self.env["coup.membership"].sudo().with_context(active_test=False)
        self.env["coup.capture.ref"].sudo()._coup_lock_person(
            company, vals["name"], vals["national_id"])
        partner = Partner._coup_match_person(vals["name"], vals["phone"], vals["national_id"],
                                             region=company.country_id.code)
        membership = partner and Membership.search(
            [("partner_id", "=", partner.id), ("company_id", "=", company.id)], limit=1)
        if membership:
            return dict(vals, membership_id=membership.id, outcome="existing")
        outcome = "joined" if partner else "new"
        if not partner:
            partner = Partner.create({
                "name": vals["name"], "phone": not vals["note"] and vals["phone"],
                "village": vals["village"], "gender": vals["gender"],
                "national_id": vals["national_id"], "country_id": company.country_id.id})
        membership = Membership.with_company(company).create(
            {"partner_id": partner.id, "company_id": company.id})
        chatter = membership._coup_in_coop_lang()
        chatter.message_post(body=chatter.env._(
            "Registered at the collection point %(point)s by %(collector)s.",
            point=config.name, collector=self.env.user.name))
        return dict(vals, membership_id=membership.id, outcome=outcome)

    @api.model
    def _coup_client_datetime(self, value):
        """The till's timestamp (ISO, in UTC) or now when it sent none or a wrong one."""
        try:
            return fields.Datetime.to_datetime(
                (value or "").replace("T", " ")[:19]) or fields.Datetime.now()
        except ValueError:
            return fields.Datetime.now()
