from odoo import fields, models


class CoupMembership(models.Model):
    _inherit = "coup.membership"

    coup_purchase_ids = fields.One2many("coup.purchase", "membership_id", string="Deliveries")
    coup_delivered_kg = fields.Float(compute="_compute_coup_trade", string="Delivered (kg)",
                                     digits=(16, 1))
    coup_purchase_count = fields.Integer(compute="_compute_coup_trade",
                                         string="Number of Deliveries")

    def _compute_coup_trade(self):
        stats = {m.id: (n, kg) for m, n, kg in self.env["coup.purchase"]._read_group(
            [("membership_id", "in", self.ids), ("state", "=", "confirmed")],
            ["membership_id"], ["__count", "payable_kg:sum"])}
        for membership in self:
            membership.coup_purchase_count, membership.coup_delivered_kg = stats.get(
                membership.id, (0, 0.0))

    def action_open_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coup_marketplace.coup_purchase_action")
        action["domain"] = [("membership_id", "=", self.id)]
        action["context"] = {"default_membership_id": self.id,
                             "default_company_id": self.company_id.id}
        return action
