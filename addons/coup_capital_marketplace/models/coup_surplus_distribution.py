from odoo import fields, models


class CoupSurplusDistribution(models.Model):
    """Patronage in proportion to what each member delivered in the year (ristournes, retornos
    por uso de servicios): the value of their confirmed deliveries or the weight paid, a
    reversed delivery netting out (its reversal is negative)."""

    _inherit = "coup.surplus.distribution"

    patronage_basis = fields.Selection(
        selection_add=[("delivery_value", "Deliveries (Value)"),
                       ("delivery_kg", "Deliveries (kg)")],
        ondelete={"delivery_value": "set default", "delivery_kg": "set default"})

    def _coup_patronage_basis(self):
        if self.patronage_basis not in ("delivery_value", "delivery_kg"):
            return super()._coup_patronage_basis()
        measure = "amount_gross:sum" if self.patronage_basis == "delivery_value" \
            else "payable_kg:sum"
        rows = self.env["coup.purchase"].sudo()._read_group([
            ("company_id", "=", self.company_id.id), ("state", "=", "confirmed"),
            ("date", ">=", fields.Datetime.to_string(self.date_from)),
            ("date", "<", fields.Datetime.to_string(
                fields.Date.add(self.date_to, days=1)))],
            ["membership_id"], [measure])
        return {membership.id: value for membership, value in rows if value}
