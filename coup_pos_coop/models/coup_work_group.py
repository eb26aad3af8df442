from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoupWorkGroup(models.Model):
    """A team of volunteer members (a "caddie": till, shelves, finance). Members of a till
    group open the till with their own member card: the group makes the employee records
    ``pos_hr`` needs, with the member card as badge, so nobody sets up HR by hand."""

    _name = "coup.work.group"
    _description = "Work Group"
    _order = "company_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 default=lambda self: self.env.company, index=True)
    kind = fields.Selection(
        [("till", "Till"), ("shelves", "Shelves"), ("finance", "Finance"), ("other", "Other")],
        required=True, default="till")
    membership_ids = fields.Many2many(
        "coup.membership", string="Members", check_company=True,
        domain="[('company_id', '=', company_id)]")
    member_count = fields.Integer(compute="_compute_member_count", string="Number of Members")
    employee_ids = fields.One2many("hr.employee", "coup_work_group_id", string="Cashiers",
                                   help="The records the till uses to let the members in.")
    pos_config_ids = fields.Many2many("pos.config", string="Tills",
                                      relation="coup_work_group_pos_config_rel",
                                      check_company=True)
    note = fields.Html()

    @api.depends("membership_ids")
    def _compute_member_count(self):
        for group in self:
            group.member_count = len(group.membership_ids)

    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        groups._coup_sync_cashiers()
        return groups

    def write(self, vals):
        configs = self.pos_config_ids
        result = super().write(vals)
        if {"membership_ids", "kind", "active", "pos_config_ids", "company_id"} & set(vals):
            self._coup_sync_cashiers(configs)
        return result

    def unlink(self):
        configs = self.pos_config_ids
        employees = self.sudo().employee_ids
        result = super().unlink()
        employees.write({"active": False})
        configs._coup_apply_work_groups()
        return result

    def _coup_sync_cashiers(self, extra_configs=None):
        """Make or update one employee per active member of the till groups, badge = the
        member's card in the group's cooperative; members who left (or are no longer active)
        lose theirs (archived, their past tickets keep their name)."""
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        # a member may be in several groups: the whole cooperative's groups decide
        groups = self.sudo().with_context(active_test=False).search(
            [("company_id", "in", self.company_id.ids)])
        wanted = {}  # membership -> group
        for group in groups.filtered(lambda g: g.active and g.kind == "till"):
            for membership in group.membership_ids.filtered(lambda m: m.state == "active"):
                wanted.setdefault(membership, group)
        existing = Employee.search([("coup_work_group_id", "in", groups.ids)])
        existing |= Employee.search([("coup_membership_id", "in",
                                      [m.id for m in wanted])])
        by_membership = {e.coup_membership_id: e for e in existing}
        badges = {}
        for membership in wanted:
            badge = membership.partner_id.with_company(membership.company_id).barcode
            if badge:
                badges[badge] = membership
        if badges:
            taken = Employee.search([("barcode", "in", list(badges)),
                                     ("coup_membership_id", "not in",
                                      [m.id for m in badges.values()])], limit=1)
            if taken:
                member = badges[taken.barcode]
                raise ValidationError(_(
                    "The card %(card)s of %(member)s is already the badge of %(employee)s: "
                    "give the member another card before adding them to a work group.",
                    card=taken.barcode, member=member.partner_id.name, employee=taken.name))
        to_create = []
        for membership, group in wanted.items():
            partner = membership.partner_id.with_company(membership.company_id)
            vals = {"name": partner.name, "barcode": partner.barcode or False,
                    "company_id": membership.company_id.id, "coup_membership_id": membership.id,
                    "coup_work_group_id": group.id, "active": True}
            employee = by_membership.get(membership)
            if not employee:
                to_create.append(dict(vals, work_contact_id=partner.id))
                continue
            changes = {key: value for key, value in vals.items()
                       if (employee[key].id if key.endswith("_id") else employee[key]) != value}
            if changes:
                employee.write(changes)
        Employee.create(to_create)
        stale = existing.filtered(lambda e: e.active and e.coup_membership_id not in wanted)
        stale.write({"active": False})
        (groups.pos_config_ids | (extra_configs or self.env["pos.config"]))._coup_apply_work_groups()
