from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class CoupFederationMembership(models.Model):
    """The tie between a union or federation and one of its member cooperatives.

    A cooperative joins and may leave; it may join another federation later, and the history
    stays. While the tie is current, the federation's managers work in the cooperative (it is
    added to their allowed companies, see ``res.users._coup_sync_federation_companies``) and
    the federation's roll-ups count it. A union may itself be a member of a confederation.
    """

    _name = "coup.federation.membership"
    _description = "Federation Membership of a Cooperative"
    _inherit = ["mail.thread"]
    _order = "federation_id, date_start desc, id desc"
    _rec_name = "company_id"

    federation_id = fields.Many2one(
        "res.company", string="Federation", required=True, index=True, ondelete="restrict",
        domain="[('coup_is_federation', '=', True), ('id', '!=', company_id)]", tracking=True)
    company_id = fields.Many2one(
        "res.company", string="Member Cooperative", required=True, index=True,
        ondelete="restrict", domain="[('id', '!=', federation_id)]", tracking=True)
    date_start = fields.Date(
        string="Joined On", required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(
        string="Left On", tracking=True,
        help="From this day the cooperative no longer belongs to the federation: its managers "
             "lose access and new roll-ups leave it out.")
    note = fields.Text(string="Notes", help="The decision that made the cooperative join or "
                                            "leave (general assembly, date of the minutes…).")
    is_current = fields.Boolean(
        string="Current", compute="_compute_is_current", search="_search_is_current")
    company_currency_id = fields.Many2one(related="company_id.currency_id",
                                          string="Cooperative Currency")
    company_country_id = fields.Many2one(related="company_id.country_id",
                                         string="Cooperative Country")

    _sql_constraints = [
        ("dates_check", "CHECK (date_end IS NULL OR date_end >= date_start)",
         "A cooperative cannot leave a federation before it joined."),
        ("not_itself", "CHECK (federation_id != company_id)",
         "A federation cannot be a member of itself."),
    ]

    @api.depends("date_start", "date_end")
    @api.depends_context("date")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for link in self:
            link.is_current = link._is_current_on(today)

    def _is_current_on(self, date):
        self.ensure_one()
        return bool(self.date_start) and self.date_start <= date \
            and (not self.date_end or self.date_end > date)

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Operation not supported"))
        today = fields.Date.context_today(self)
        domain = ["&", ("date_start", "<=", today),
                  "|", ("date_end", "=", False), ("date_end", ">", today)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("federation_id", "company_id")
    def _compute_display_name(self):
        for link in self:
            link.display_name = _("%(cooperative)s in %(federation)s",
                                  cooperative=link.company_id.name,
                                  federation=link.federation_id.name)

    @api.constrains("federation_id", "company_id", "date_start", "date_end")
    def _check_federation(self):
        for link in self:
            if not link.federation_id.coup_is_federation:
                raise ValidationError(_(
                    "%(company)s is not a union or federation: tick “Union or Federation” on "
                    "it before %(member)s can join it.", company=link.federation_id.name,
                    member=link.company_id.name))
            if link.company_id.parent_id:
                raise ValidationError(_(
                    "%(company)s is a branch of %(root)s: the cooperative itself (%(root)s) "
                    "joins the federation, with its branches.", company=link.company_id.name,
                    root=link.company_id.root_id.name))
            overlapping = self.search([
                ("id", "!=", link.id), ("federation_id", "=", link.federation_id.id),
                ("company_id", "=", link.company_id.id),
                ("date_start", "<", link.date_end or fields.Date.to_date("9999-12-31")),
                "|", ("date_end", "=", False), ("date_end", ">", link.date_start),
            ], limit=1)
            if overlapping:
                raise ValidationError(_(
                    "%(member)s is already a member of %(federation)s from %(start)s: record "
                    "the date it left before it joins again.", member=link.company_id.name,
                    federation=link.federation_id.name, start=overlapping.date_start))
        self._check_no_cycle()

    def _check_no_cycle(self):
        """A union may join a confederation, but never one of its own members."""
        graph = {}
        for link in self.search([]):
            graph.setdefault(link.federation_id.id, set()).add(link.company_id.id)
        for link in self:
            seen, todo = set(), [link.company_id.id]
            while todo:
                company_id = todo.pop()
                if company_id == link.federation_id.id:
                    raise ValidationError(_(
                        "%(federation)s is itself a member of %(member)s (directly or through "
                        "a union): a federation cannot join one of its own members.",
                        federation=link.federation_id.name, member=link.company_id.name))
                if company_id not in seen:
                    seen.add(company_id)
                    todo.extend(graph.get(company_id, ()))

    def _check_can_manage(self):
        """Joining a federation gives its managers access to the cooperative: only who may
        already work in both companies (or manages companies) records it."""
        if self.env.su or self.env.user.has_group("base.group_erp_manager"):
            return
        allowed = self.env.user.company_ids
        for link in self:
            if link.company_id not in allowed or link.federation_id not in allowed:
                raise AccessError(_(
                    "Only a user working in both %(federation)s and %(member)s, or an "
                    "administrator, can record that the cooperative belongs to the federation.",
                    federation=link.federation_id.name, member=link.company_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        links = super().create(vals_list)
        links._check_can_manage()
        links._changed()
        return links

    def write(self, vals):
        self._check_can_manage()
        res = super().write(vals)
        if {"federation_id", "company_id", "date_start", "date_end"} & vals.keys():
            self._check_can_manage()
            self._changed()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        """The history of who belonged when stays: a membership that has started ends with a
        leave date. Only an administrator of companies deletes one recorded by mistake."""
        if self.env.su or self.env.user.has_group("base.group_erp_manager"):
            return
        today = fields.Date.context_today(self)
        started = self.filtered(lambda link: link.date_start <= today)
        if started:
            raise UserError(_(
                "%(member)s joined %(federation)s on %(date)s: record the date it left instead "
                "of deleting the membership, so the federation's history stays whole.",
                member=started[0].company_id.name, federation=started[0].federation_id.name,
                date=started[0].date_start))

    def unlink(self):
        self._check_can_manage()
        res = super().unlink()
        self.browse()._changed()
        return res

    def _changed(self):
        """Record rules and roll-ups read the federations from a cache; managers' allowed
        companies follow the current members."""
        self.env.registry.clear_cache()
        self.env["res.users"]._coup_sync_federation_companies_all()

    def action_leave(self):
        """Record that the cooperative leaves the federation today."""
        self.write({"date_end": fields.Date.context_today(self)})
