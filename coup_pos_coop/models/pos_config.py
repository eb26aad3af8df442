from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import SQL


class PosConfig(models.Model):
    _inherit = "pos.config"

    coup_member_policy = fields.Selection(
        [("open", "Anyone"), ("price", "Non-Members at the Non-Member Price"),
         ("refuse", "Members Only")], string="Who May Buy", default="open", required=True,
        help="What the till does when the customer is not an active member of the "
             "cooperative (a suspended or resigned member, or a non-member).")
    coup_member_pricelist_id = fields.Many2one(
        "product.pricelist", string="Members' Pricelist",
        help="Set on the ticket when an active member's card is scanned.")
    coup_non_member_pricelist_id = fields.Many2one(
        "product.pricelist", string="Non-Members' Pricelist")

    coup_work_group_ids = fields.Many2many(
        "coup.work.group", relation="coup_work_group_pos_config_rel", string="Work Groups",
        domain="[('kind', '=', 'till'), ('company_id', '=', company_id)]",
        help="Volunteers of these work groups open the till with their member card.")
    coup_practice = fields.Boolean(
        string="Practice Till",
        help="For training cashiers: the same screens, but its tickets are marked as practice, "
             "move no stock, make no accounting entry and count in no figure.")
    coup_practice_order_count = fields.Integer(compute="_compute_coup_practice_order_count",
                                               string="Practice Tickets")

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        return fields_ + ["coup_member_policy", "coup_member_pricelist_id",
                          "coup_non_member_pricelist_id", "coup_practice"] if fields_ else fields_

    def _compute_coup_practice_order_count(self):
        counts = dict(self.env["pos.order"]._read_group(
            [("config_id", "in", self.ids), ("coup_practice", "=", True)],
            ["config_id"], ["__count"]))
        for config in self:
            config.coup_practice_order_count = counts.get(config, 0)

    @api.model_create_multi
    def create(self, vals_list):
        configs = super().create(vals_list)
        configs.filtered("coup_work_group_ids")._coup_apply_work_groups()
        return configs

    def write(self, vals):
        result = super().write(vals)
        if "coup_work_group_ids" in vals:
            self._coup_apply_work_groups()
        return result

    def _coup_apply_work_groups(self):
        """The till's cashiers are the members of its work groups: employee login on, the
        groups' cashier records as the till's basic employees."""
        for config in self.sudo().filtered("coup_work_group_ids"):
            employees = config.coup_work_group_ids.employee_ids.filtered("active")
            vals = {}
            if not config.module_pos_hr:
                vals["module_pos_hr"] = True
            if set(employees.ids) != set(config.basic_employee_ids.ids):
                vals["basic_employee_ids"] = [Command.set(employees.ids)]
            if vals:
                super(PosConfig, config).write(vals)

    def action_coup_practice_reset(self):
        """Wipe the practice till's tickets and closed sessions so the next trainee starts
        from a clean till."""
        for config in self:
            if not config.coup_practice:
                raise UserError(_("%s is not a practice till: its tickets are real and "
                                  "cannot be wiped.", config.name))
        orders = self.env["pos.order"].sudo().search(
            [("config_id", "in", self.ids), ("coup_practice", "=", True)])
        orders.write({"state": "cancel"})
        orders.unlink()
        self.env["pos.session"].sudo().search(
            [("config_id", "in", self.ids), ("state", "=", "closed")]).unlink()
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "type": "success", "message": _("%s practice tickets wiped.", len(orders)),
            "next": {"type": "ir.actions.act_window_close"}}}

    def get_limited_partners_loading(self):
        """The customers the till loads before any search (Odoo: the 100 most frequent, then
        by name): this cooperative's members first; people who are members of other
        cooperatives only are left to the server search, so that a federation's shared
        contacts do not crowd out the shop's own customers; nor do its suppliers (a partner
        the shop buys from and never sold to)."""
        company = self.company_id.id
        # the memberships in this cooperative joined once (a hash join), not looked up twice
        # per contact: with 20,000 members this query took most of the customers' loading
        return self.env.execute_query(SQL("""
            WITH pm AS (SELECT partner_id, count(partner_id) AS order_count
                          FROM pos_order GROUP BY partner_id),
                 own AS (SELECT partner_id, bool_or(active AND state = 'active') AS active_member
                           FROM coup_membership WHERE company_id = %(company)s
                          GROUP BY partner_id)
            SELECT partner.id
              FROM res_partner AS partner
              LEFT JOIN own ON own.partner_id = partner.id
              LEFT JOIN pm ON partner.id = pm.partner_id
             WHERE (partner.company_id = %(company)s OR partner.company_id IS NULL)
               AND (own.partner_id IS NOT NULL
                    OR (NOT EXISTS (SELECT 1 FROM coup_membership m
                                     WHERE m.partner_id = partner.id)
                        AND NOT (COALESCE(partner.supplier_rank, 0) > 0
                                 AND COALESCE(partner.customer_rank, 0) = 0)))
             ORDER BY COALESCE(own.active_member, FALSE) DESC,
                      COALESCE(pm.order_count, 0) DESC, partner.name
             LIMIT %(limit)s
        """, company=company, limit=self._get_limited_partner_count()))

    def coup_member_index(self):
        """The cooperative's register as the till keeps it for checking cards with the network
        down: ``[card, name, member number, state, partner id]`` of every membership with a
        card, in one query (20,000 members are about 1 MB)."""
        self.ensure_one()
        company = self.company_id
        self.env["res.partner"].check_access("read")
        self.env.cr.execute(SQL("""
            SELECT p.barcode->>%(key)s, p.name, m.member_number, m.state, p.id
              FROM coup_membership m JOIN res_partner p ON p.id = m.partner_id
             WHERE m.company_id = %(company)s AND m.active AND p.barcode->>%(key)s IS NOT NULL
        """, key=str(company.id), company=company.id))
        return self.env.cr.fetchall()

    def coup_archived_product_name(self, barcode):
        """The name of the archived product carrying ``barcode``, so the till can say why a
        scanned barcode sells nothing (Odoo loads active products only)."""
        self.ensure_one()
        product = self.env["product.product"].with_context(active_test=False).search(
            [("barcode", "=", barcode), "|", ("active", "=", False),
             ("product_tmpl_id.active", "=", False),
             ("company_id", "in", [False, self.company_id.id])], limit=1)
        return product.display_name or False

    # ------------------------------------------------------------------ demo

    @api.model
    def _coup_demo_journals(self, company):
        """The cooperative's cash and bank journals: the ones its chart of accounts made
        (searched by type), created only when missing."""
        Journal = self.env["account.journal"].sudo()
        journals = {}
        for kind, name, code in (("cash", "Espèces", "CSH"), ("bank", "Banque", "BNK")):
            journal = Journal.search([("company_id", "=", company.id), ("type", "=", kind)],
                                     order="sequence, id", limit=1)
            journals[kind] = journal or Journal.create({
                "name": name, "code": code, "type": kind, "company_id": company.id})
        return journals

    @api.model
    def _coup_demo_payment_methods(self, company, journals):
        """Cash (counted at closing) and card for a till, found or made once."""
        Method = self.env["pos.payment.method"].sudo()
        methods = Method
        for kind, name in (("cash", "Espèces"), ("bank", "Carte bancaire")):
            method = Method.search([("company_id", "=", company.id),
                                    ("journal_id", "=", journals[kind].id)], limit=1)
            methods |= method or Method.create({
                "name": name, "journal_id": journals[kind].id, "company_id": company.id})
        return methods

    @api.model
    def _coup_demo_shop(self, company_id):
        """Demo: La Ruche as a working shop. Its books and journals, a till selling its own
        groceries only (a POS category: Odoo's furniture and clothes demo stay out), members'
        (-10 %) and non-members' pricelists, members with cards (one suspended), a till work
        group whose volunteers open the till with their card, and a shop manager who can open
        the till (login ``shop.laruche``)."""
        company = self.env["res.company"].browse(company_id)
        self = self.sudo().with_company(company).with_context(tracking_disable=True)
        if not company.chart_template:
            # a chart the demo loaded before (the country's) is kept; else Odoo's generic one
            currency = company.currency_id
            self.env["account.chart.template"].try_loading("generic_coa", company,
                                                           install_demo=False)
            company.currency_id = currency
        journals = self._coup_demo_journals(company)
        category = self.env["pos.category"].create({"name": "Épicerie"})
        products = self.env["product.template"].search(
            [("company_id", "=", company.id), ("available_in_pos", "=", True)])
        products.write({"pos_categ_ids": [Command.link(category.id)]})
        Pricelist = self.env["product.pricelist"]
        non_members = Pricelist.create({
            "name": "Prix non-membres", "company_id": company.id,
            "currency_id": company.currency_id.id})
        members = Pricelist.create({
            "name": "Prix membres (-10 %)", "company_id": company.id,
            "currency_id": company.currency_id.id,
            "item_ids": [Command.create({"applied_on": "3_global", "compute_price": "percentage",
                                         "percent_price": 10})]})
        people = [
            ("Sophie Lambert", "active"), ("Thomas Dubois", "active"),
            ("Nadia El Amrani", "active"), ("Pieter Janssens", "active"),
            ("Claire Peeters", "active"), ("Mehdi Benali", "active"),
            ("Lucas Maes", "suspended"), ("Emma Willems", "active"),
        ]
        def card(n):  # an EAN-13 card of the customers' range (042…), check digit included
            code = f"04209{n:07d}"
            return code + str(-sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code)) % 10)
        partners = self.env["res.partner"].create([
            {"name": name, "customer_rank": 1, "city": "Bruxelles", "company_id": company.id,
             "country_id": company.country_id.id, "barcode": card(index + 1)}
            for index, (name, __) in enumerate(people)])
        memberships = self.env["coup.membership"].create([
            {"partner_id": partner.id, "company_id": company.id, "state": state}
            for partner, (__, state) in zip(partners, people)])
        till = self.create({
            "name": "Caisse La Ruche", "company_id": company.id,
            "payment_method_ids": [Command.set(
                self._coup_demo_payment_methods(company, journals).ids)],
            "use_pricelist": True, "pricelist_id": non_members.id,
            "available_pricelist_ids": [Command.set([non_members.id, members.id])],
            "coup_member_policy": "price", "coup_member_pricelist_id": members.id,
            "coup_non_member_pricelist_id": non_members.id,
            "limit_categories": True, "iface_available_categ_ids": [Command.set(category.ids)],
        })
        self.env["coup.work.group"].create({
            "name": "Bénévoles de caisse", "company_id": company.id, "kind": "till",
            "membership_ids": [Command.set(memberships[:3].ids)],
            "pos_config_ids": [Command.set(till.ids)],
        })
        self.env["coup.work.group"].create({
            "name": "Rayons", "company_id": company.id, "kind": "shelves",
            "membership_ids": [Command.set(memberships[3:6].ids)],
        })
        manager = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Julie Vandenberghe", "login": "shop.laruche", "password": "shop.laruche",
            "email": "julie.vandenberghe@laruche.co-up.example.com", "tz": "Europe/Brussels",
            "company_id": company.id, "company_ids": [Command.set(company.ids)],
            "groups_id": [Command.set([self.env.ref("base.group_user").id,
                                       self.env.ref("point_of_sale.group_pos_manager").id])],
        })
        # the manager opens the till as its manager (pos_hr asks who is at the till)
        employee = self.env["hr.employee"].create({
            "name": manager.name, "user_id": manager.id, "company_id": company.id})
        till.advanced_employee_ids = [Command.link(employee.id)]
        return till
