from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the tickets that count: paid, closed in a session or invoiced (a refund is a ticket of its
# own, negative, that nets out); never a practice till's
DONE = ("paid", "done", "invoiced")
# the bases in money that the shop's purchases can be added to
ADDABLE = ("delivery_value",)


class CoupSurplusDistribution(models.Model):
    """Patronage in proportion to what each member bought at the cooperative's tills in the
    year (a consumer cooperative's ristourne), alone or added to their deliveries by value: a
    cooperative that both buys its members' produce and sells them goods returns the surplus
    by all the business they did with it."""

    _inherit = "coup.surplus.distribution"

    patronage_basis = fields.Selection(
        selection_add=[("shop_purchases", "Shop Purchases")],
        ondelete={"shop_purchases": "set default"})
    patronage_add_shop = fields.Boolean(
        string="Add Shop Purchases",
        help="Add each member's purchases at the coop shop (without taxes, refunds netted) to "
             "their deliveries by value.")

    @api.constrains("patronage_basis", "patronage_add_shop")
    def _check_patronage_add_shop(self):
        for run in self:
            if run.patronage_add_shop and run.patronage_basis not in ADDABLE:
                basis = dict(run._fields["patronage_basis"]._description_selection(
                    run.env))[run.patronage_basis]
                raise ValidationError(run.env._(
                    "%(run)s: shop purchases are added to deliveries by value only, not to "
                    "\"%(basis)s\".", run=run.name, basis=basis))

    def _coup_patronage_basis(self):
        if self.patronage_basis == "shop_purchases":
            return self._coup_shop_purchases()
        basis = super()._coup_patronage_basis()
        if self.patronage_add_shop and self.patronage_basis in ADDABLE:
            for member, amount in self._coup_shop_purchases().items():
                basis[member] = basis.get(member, 0.0) + amount
        return basis

    def _coup_shop_purchases(self):
        """``{membership id: purchases}``: the year's paid tickets of the cooperative's tills
        by customer, without taxes (the tax is the state's, not business with the
        cooperative), refunds netted; one grouped read. A member of the household buying on
        the family card counts for the household's principal member, who holds the shares."""
        self.ensure_one()
        rows = self.env["pos.order"].sudo()._read_group([
            ("company_id", "=", self.company_id.id), ("state", "in", DONE),
            ("coup_practice", "=", False), ("partner_id", "!=", False),
            ("date_order", ">=", fields.Datetime.to_string(self.date_from)),
            ("date_order", "<", fields.Datetime.to_string(
                fields.Date.add(self.date_to, days=1)))],
            ["partner_id"], ["amount_total:sum", "amount_tax:sum"])
        amounts = {partner.id: total - tax for partner, total, tax in rows}
        memberships = self.env["coup.membership"].sudo().search([
            ("company_id", "=", self.company_id.id), ("partner_id", "in", list(amounts))])
        basis = {}
        for membership in memberships:
            holder = membership.principal_membership_id or membership
            basis[holder.id] = basis.get(holder.id, 0.0) + amounts[membership.partner_id.id]
        return {member: amount for member, amount in basis.items() if amount}
