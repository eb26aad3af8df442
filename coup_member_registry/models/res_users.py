from odoo import api, fields, models
from odoo.fields import Command

FEDERATION_MANAGER = "coup_member_registry.group_coup_federation_manager"


class ResUsers(models.Model):
    """Federation managers work in their federations' member cooperatives without set-up.

    When a cooperative joins a federation, the federation's managers (federation managers who
    may work in the federation) get it in their allowed companies; when it leaves, they lose
    it. Only the companies given this way are taken back: a company a user was given by hand
    stays.
    """

    _inherit = "res.users"

    coup_federation_company_ids = fields.Many2many(
        "res.company", "res_users_coup_federation_company_rel", "user_id", "company_id",
        string="Cooperatives Through Federations", readonly=True,
        help="Member cooperatives this user works in because they manage their federation; "
             "taken back when the cooperative leaves the federation.")

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        if not self.env.context.get("coup_federation_sync"):
            users._coup_sync_federation_companies()
        return users

    def write(self, vals):
        res = super().write(vals)
        if not self.env.context.get("coup_federation_sync") and any(
                key in ("company_ids", "groups_id") or key.startswith(("in_group_", "sel_groups_"))
                for key in vals):
            self._coup_sync_federation_companies()
        return res

    @api.model
    def _coup_sync_federation_companies_all(self):
        """Sync every user who manages a federation or was given companies through one."""
        group = self.env.ref(FEDERATION_MANAGER, raise_if_not_found=False)
        users = self.sudo().with_context(active_test=False).search([
            "|", ("coup_federation_company_ids", "!=", False),
            ("groups_id", "in", group.ids if group else []),
        ])
        users._coup_sync_federation_companies()

    def _coup_sync_federation_companies(self):
        """Give each federation manager the current member cooperatives of the federations
        they work in, and take back those that left (or all, when they are no longer a
        federation manager)."""
        Company = self.env["res.company"].sudo()
        members = Company._coup_federation_members(fields.Date.context_today(self),
                                                   recursive=True)
        if not members and not self.sudo().coup_federation_company_ids:
            return
        branches = {}
        if members:
            member_ids = set().union(*members.values())
            for branch in Company.with_context(active_test=False).search(
                    [("parent_id", "child_of", list(member_ids)),
                     ("id", "not in", list(member_ids))]):
                branches.setdefault(branch.root_id.id, set()).add(branch.id)
        for user in self.sudo().with_context(active_test=False):
            granted = user.coup_federation_company_ids
            own = user.company_ids - granted
            target = set()
            if user.has_group(FEDERATION_MANAGER):
                for company_id in own.ids:
                    for member_id in members.get(company_id, ()):
                        target.add(member_id)
                        target |= branches.get(member_id, set())
            target = Company.browse(target).filtered("active")
            add = target - user.company_ids
            remove = granted - target
            if not add and not remove:
                continue
            vals = {
                "company_ids": [Command.link(c.id) for c in add]
                + [Command.unlink(c.id) for c in remove],
                "coup_federation_company_ids": [Command.link(c.id) for c in add]
                + [Command.unlink(c.id) for c in remove],
            }
            if user.company_id in remove:
                vals["company_id"] = (user.company_ids - remove)[:1].id
            user.with_context(coup_federation_sync=True).write(vals)

    @api.model
    def _cron_coup_sync_federation_companies(self):
        """Each day: cooperatives whose join or leave date has come."""
        self.env.registry.clear_cache()
        self._coup_sync_federation_companies_all()
