import logging

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import federation_upgrade

_logger = logging.getLogger(__name__)


class ResCompany(models.Model):
    """A cooperative is a root company with its own country, currency and books.

    A union or federation is a company too, linked to its member cooperatives by
    ``coup.federation.membership`` (join and leave dates), not by ``parent_id``: Odoo 18 makes
    a child company a branch that shares its root's currency and books, which a Malian (XOF)
    and a Colombian (COP) cooperative cannot. Branches stay for a cooperative's own sections
    and collection centres.
    """

    _inherit = "res.company"

    coup_is_federation = fields.Boolean(
        string="Union or Federation",
        help="A union or federation of cooperatives (second or third level): cooperatives, or "
             "unions, join it as members; its managers work in its member cooperatives.")
    coup_federation_member_ids = fields.One2many(
        "coup.federation.membership", "federation_id", string="Member Cooperatives",
        help="The cooperatives that joined this federation, and when they joined and left.")
    coup_federation_ids = fields.One2many(
        "coup.federation.membership", "company_id", string="Federations",
        help="The unions and federations this cooperative joined, and when.")
    coup_member_company_ids = fields.Many2many(
        "res.company", string="Current Member Cooperatives",
        compute="_compute_coup_member_company_ids",
        help="Cooperatives (and unions) that are members of this federation today.")
    coup_member_prefix = fields.Char(
        string="Member Number Prefix",
        help="Prefix of the member numbers this cooperative gives, e.g. KL-.")
    coup_member_sequence_id = fields.Many2one(
        "ir.sequence", string="Member Number Sequence", copy=False, readonly=True)
    coup_youth_age_min = fields.Integer(string="Youth From Age", default=15)
    coup_youth_age_max = fields.Integer(string="Youth To Age", default=35)

    @api.depends("coup_federation_member_ids.date_start", "coup_federation_member_ids.date_end")
    def _compute_coup_member_company_ids(self):
        members = self._coup_federation_members(fields.Date.context_today(self))
        for company in self:
            company.coup_member_company_ids = [
                fields.Command.set(members.get(company.id, ()))]

    @api.constrains("coup_is_federation")
    def _check_coup_is_federation(self):
        for company in self.filtered(lambda c: not c.coup_is_federation):
            if company.sudo().coup_federation_member_ids:
                raise ValidationError(_(
                    "%s has member cooperatives: it stays a federation while its history "
                    "holds them.", company.name))

    @api.constrains("coup_youth_age_min", "coup_youth_age_max")
    def _check_coup_youth_band(self):
        for company in self:
            if not 0 <= company.coup_youth_age_min <= company.coup_youth_age_max <= 120:
                raise ValidationError(_(
                    "%(company)s: the youth age band %(min)s–%(max)s is not valid.",
                    company=company.name, min=company.coup_youth_age_min,
                    max=company.coup_youth_age_max))

    # ------------------------------------------------------------------ federations

    @api.model
    @tools.ormcache("date")
    def _coup_federation_graph(self, date):
        """``{federation_id: (member company ids, direct, on date)}`` of the whole database,
        cached: record rules read it on every evaluation. Cleared whenever a federation
        membership changes (and each day by the access cron)."""
        self.env["coup.federation.membership"].flush_model()
        self.env.cr.execute(SQL("""
            SELECT federation_id, array_agg(company_id ORDER BY company_id)
              FROM coup_federation_membership
             WHERE date_start <= %(date)s AND (date_end IS NULL OR date_end > %(date)s)
          GROUP BY federation_id
        """, date=date))
        return {federation_id: tuple(ids) for federation_id, ids in self.env.cr.fetchall()}

    @api.model
    def _coup_federation_members(self, date, recursive=False):
        """``{federation_id: member company ids}`` on ``date``; with ``recursive``, the members
        of member unions too (a confederation spans its unions' cooperatives)."""
        graph = self._coup_federation_graph(fields.Date.to_date(date))
        if not recursive:
            return graph
        result = {}
        for federation_id in graph:
            seen, todo = set(), list(graph[federation_id])
            while todo:
                company_id = todo.pop()
                if company_id not in seen and company_id != federation_id:
                    seen.add(company_id)
                    todo.extend(graph.get(company_id, ()))
            result[federation_id] = seen
        return result

    def _coup_with_member_companies(self, date=None):
        """These companies and, for the federations among them, their current member
        cooperatives (through member unions too), as far as the current user may work in
        them: what a federation manager sees when the federation is selected."""
        date = date or fields.Date.context_today(self)
        members = self._coup_federation_members(date, recursive=True)
        ids = set(self.ids)
        for company_id in self.ids:
            ids |= members.get(company_id, set())
        allowed = set(self.env.user.company_ids.ids) | set(self.ids)
        return self.browse(sorted(ids & allowed))

    def _coup_member_companies_on(self, date=None, recursive=True):
        """The member cooperatives of these federations on ``date`` (default: today),
        whoever may see them: for roll-ups and segments."""
        date = date or fields.Date.context_today(self)
        members = self._coup_federation_members(date, recursive=recursive)
        ids = set()
        for company_id in self.ids:
            ids |= set(members.get(company_id, ()))
        return self.browse(sorted(ids))

    @api.model
    def _coup_migrate_branches_to_federations(self):
        """Upgrade from 18.0.1, where cooperatives were branches of their federation: detach
        them into root companies and record their federation memberships (what the
        migration scripts of 18.0.2.0.0 do in two steps). Returns the number moved."""
        self.flush_model()
        rows = federation_upgrade.detach_federation_branches(self.env.cr)
        self.invalidate_model(["parent_id", "parent_path", "child_ids"])
        self._coup_link_detached_cooperatives(rows)
        return len(rows)

    @api.model
    def _coup_link_detached_cooperatives(self, rows):
        """Record that the detached cooperatives belong to their federation, from the date the
        cooperative was created (the only date 18.0.1 kept), unless data already did."""
        Link = self.env["coup.federation.membership"].sudo()
        existing = {(link.company_id.id, link.federation_id.id) for link in Link.search(
            [("company_id", "in", [company_id for company_id, __, __ in rows])])}
        Link.create([{
            "federation_id": federation_id, "company_id": company_id,
            "date_start": date_start or fields.Date.context_today(self),
        } for company_id, federation_id, date_start in rows
            if (company_id, federation_id) not in existing])
        self.env.registry.clear_cache()
        self.env["res.users"]._coup_sync_federation_companies_all()

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
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)",
                                "ir_sequence_%03d" % sequence.id, count))
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

    # ------------------------------------------------------------------ indelible records

    coup_integrity_date = fields.Datetime(string="Last Integrity Check", readonly=True,
                                          groups="coup_member_registry.group_coup_user")
    coup_integrity_result = fields.Text(string="Integrity Check Result", readonly=True,
                                        groups="coup_member_registry.group_coup_user")
    coup_integrity_ok = fields.Boolean(string="Records Intact", readonly=True,
                                       groups="coup_member_registry.group_coup_user")
    coup_witness_ids = fields.Many2many(
        "res.partner", "coup_company_witness_rel", "company_id", "partner_id",
        string="Witnesses of the Records", groups="coup_member_registry.group_coup_user",
        help="Board members, the federation or an auditor who receive each day, by email (or "
             "SMS when the cooperative sends SMS), a signed checkpoint of the records' chains. "
             "A past rewritten in the database no longer matches what they hold.")
    coup_has_indelible = fields.Boolean(compute="_compute_coup_has_indelible")

    def _compute_coup_has_indelible(self):
        self.coup_has_indelible = bool(self._coup_integrity_models())

    def _coup_integrity_models(self):
        """The indelible models (``coup.indelible.record``) whose chains are checked: each
        module adds its own."""
        return []

    def _coup_integrity_reasons(self):
        return {
            "gap": _("a number is missing"),
            "link": _("the link to the record before does not match"),
            "content": _("its content was changed, or its seal was made without this server's key"),
            "tail": _("the records from this number on were deleted"),
            "backup": _("the database is older than the anchor journal: an old backup was "
                        "restored, or the last records deleted with their numbering"),
            "resealed": _("its seal differs from the one anchored when it was confirmed: the "
                          "chain was re-sealed"),
            "key": _("this server has no key for the records: they were sealed elsewhere"),
        }

    def _coup_integrity_extra_lines(self):
        """More lines for the report (and whether they are all right): modules check what
        follows their records, e.g. the accounting of trade records."""
        self.ensure_one()
        return [], True

    def _coup_run_integrity_check(self):
        """Recompute the chains of the cooperative's indelible records, hold their heads
        against the anchor journal; the result is kept on the cooperative and a broken chain
        is posted on its record."""
        results = {}
        for company in self:
            checked = {model: self.env[model].sudo()._coup_check_integrity(company)
                       for model in company._coup_integrity_models()}
            company._coup_note_integrity(checked)
            results.update({(company.id, model): result for model, result in checked.items()})
        return results

    def _coup_note_integrity(self, checked):
        """Write the check's result (``{model: result}``) on the cooperative, in the
        context's language, and post it on its record when a chain is broken."""
        self.ensure_one()
        reasons = self._coup_integrity_reasons()
        lines, intact, key = [], True, None
        for model, result in checked.items():
            Model = self.env[model].sudo()
            # the kind of record in the reader's language, as Odoo's menus name it
            label = self.env["ir.model"]._get(model).name
            key = key or Model._coup_key(create=False)
            anchor = result["anchor"]
            count = tools.formatLang(self.env, result["count"], digits=0)
            if result["broken"]:
                intact = False
                lines.append(_("%(model)s: %(count)s record(s) checked; the chain breaks at "
                               "%(record)s (%(reason)s).", model=label,
                               count=count, record=result["broken"],
                               reason=reasons[result["reason"]]))
            else:
                lines.append(_("%(model)s: %(count)s record(s) checked, all intact.",
                               model=label, count=count))
            if anchor:
                lines.append("    " + _("Anchored head: %(record)s on %(date)s.",
                                          record=anchor["name"], date=tools.format_datetime(
                                              self.env, fields.Datetime.to_datetime(
                                                  anchor["at"][:19].replace("T", " ")))))
            elif result["count"]:
                lines.append("    " + _("No anchored head on this server yet."))
        extra, extra_ok = self._coup_integrity_extra_lines()
        lines += extra
        intact = intact and extra_ok
        if key:
            lines.append(_("Key of this server: %(fingerprint)s (the chains are sealed with "
                           "it; its public part verifies the checkpoints).",
                           fingerprint=key.fingerprint))
        self.sudo().write({"coup_integrity_date": fields.Datetime.now(),
                           "coup_integrity_result": "\n".join(lines),
                           "coup_integrity_ok": intact})
        if not intact:
            self.partner_id.sudo().message_post(body="\n".join(lines))

    def _coup_run_integrity_pass(self, deadline):
        """One run of the nightly check: go on with the pass over the cooperatives where the
        last run stopped, until ``deadline`` (see ``_coup_check_integrity``). Each
        cooperative's result is noted once all its chains are checked. The pass is kept
        outside the database once this run is committed.

        :return: whether the pass is over (every cooperative checked and noted)
        """
        Record = self.env["coup.indelible.record"].sudo()
        state = Record._coup_check_pass_read()
        for company in self.sorted("id"):
            if company.id in state["noted"]:
                continue
            for model in company._coup_integrity_models():
                if model in state["checked"]:
                    continue
                resume = state["resume"]
                result = self.env[model].sudo()._coup_check_integrity(
                    company, deadline=deadline,
                    resume=resume if resume and (resume["company"], resume["model"])
                    == (company.id, model) else None)
                if result["resume"]:
                    state["resume"] = dict(result["resume"], company=company.id, model=model)
                    Record._coup_check_pass_keep(state)
                    return False
                state["checked"][model] = result
                state["resume"] = None
            # noted by the cron, in the cooperative's language (its staff read it there)
            company.with_context(lang=company.partner_id.lang or self.env.lang) \
                ._coup_note_integrity(state["checked"])
            state["noted"].append(company.id)
            state["checked"] = {}
        Record._coup_check_pass_keep(None)
        return True

    def action_coup_check_integrity(self):
        """Each cooperative runs its own check (and the federation over its cooperatives).
        Chains too long to check while the staff waits (about a minute a million records,
        and a web request's time is limited) are checked by the nightly check's cron, started
        now: its result comes on the cooperative and, if a chain is broken, on its record."""
        for company in self:
            self.env["coup.indelible.record"]._coup_check_staff(company)
        records = sum(self.env[model]._coup_issued_count(company) for company in self
                      for model in company._coup_integrity_models())
        if records > self.env["coup.indelible.record"]._coup_check_inline_limit:
            self.env.ref("coup_member_registry.ir_cron_coup_integrity").sudo()._trigger()
            return {"type": "ir.actions.client", "tag": "display_notification", "params": {
                "type": "info", "title": _("The check runs in the background"),
                "message": _("%(count)s records are too many to check while you wait: they "
                             "are being checked in the background, with every cooperative's. "
                             "The result will show here when it is done.",
                             count=tools.formatLang(self.env, records, digits=0)),
            }}
        self.sudo()._coup_run_integrity_check()
        return self.env.ref("coup_member_registry.action_report_coup_integrity") \
            .report_action(self)

    @api.model
    def _cron_coup_check_integrity(self):
        """Daily: recompute every cooperative's chains and note the result on it, then send
        the day's checkpoints. A federation's chains hold millions of records, more than one
        run of the cron checks within Odoo's limits on its CPU and real time: a run stops at
        half of what it has left, and triggers the cron again to go on where it stopped."""
        companies = self.search([])
        Record = self.env["coup.indelible.record"]
        if companies._coup_run_integrity_pass(Record._coup_check_deadline()):
            self.env["coup.chain.checkpoint"]._coup_send_checkpoints(companies)
        else:
            self.env.ref("coup_member_registry.ir_cron_coup_integrity").sudo()._trigger()

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # the cooperative's numbering exists before its first record: confirmations at once
        # then wait on one row instead of racing to create it
        for model in companies[:1]._coup_integrity_models():
            for company in companies:
                self.env[model]._coup_sequence(company)
        return companies

    def _coup_demo_load_chart(self):
        """Demo data: each cooperative without books gets its country's chart of accounts, as
        its accountant keeps them (Kléla SYSCOHADA through ``l10n_ml``, AgroEmprende
        ``l10n_co``, La Ruche ``l10n_be``), in its own currency. A localisation that is not
        installed is not installed from here (no module depends on one, and a module marked
        while modules load would come after the demo's entries, which a chart cannot replace):
        the generic chart then, said in the log. Without accounting, nothing."""
        if "account.chart.template" not in self.env:
            return {}
        ChartTemplate = self.env["account.chart.template"].sudo()
        mapping = ChartTemplate._get_chart_template_mapping()
        installed = set(self.env["ir.module.module"].sudo().search(
            [("state", "in", ("installed", "to upgrade"))]).mapped("name"))
        loaded = {}
        for company in self.sudo().filtered(lambda c: not c.chart_template):
            if self.env["account.journal"].sudo().search_count(
                    [("company_id", "=", company.id)], limit=1):
                # books kept without a chart (journals made by hand): a chart would replace them
                _logger.info("%s keeps its books: no chart of accounts loaded over its entries",
                             company.name)
                continue
            template = company.country_id and ChartTemplate._guess_chart_template(
                company.country_id)
            module = mapping.get(template, {}).get("module") if template else None
            if not template or mapping[template].get("country_id") != company.country_id.id:
                template = "generic_coa"
            elif module not in installed:
                _logger.info("%s: %s is not installed, the generic chart of accounts instead of "
                             "%s (install %s before the demo data)", company.name, module,
                             template, module)
                template = "generic_coa"
                # remembered: the localisation may come later (Odoo installs a country's
                # when a company of that country exists), over books it cannot replace
                params = self.env["ir.config_parameter"].sudo()
                fallback = params.get_param("coup_member_registry.demo_generic_charts", "")
                params.set_param("coup_member_registry.demo_generic_charts", ",".join(
                    filter(None, [fallback, str(company.id)])))
            currency = company.currency_id
            ChartTemplate.try_loading(template, company, install_demo=False)
            if company.currency_id != currency:
                company.currency_id = currency
            loaded[company.id] = template
        return loaded

