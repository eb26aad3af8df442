from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CoupPurchase(models.Model):
    _inherit = "coup.purchase"

    pos_config_id = fields.Many2one("pos.config", string="Collection Point", readonly=True,
                                    index="btree_not_null")
    coup_weight_typed = fields.Boolean(
        string="Weight Typed", compute="_compute_coup_weight_typed", store=True,
        help="A weight of this delivery was typed at the collection point, not read from "
             "the scale.")

    @api.depends("line_ids.coup_weight_source")
    def _compute_coup_weight_typed(self):
        for purchase in self:
            purchase.coup_weight_typed = "typed" in purchase.line_ids.mapped(
                "coup_weight_source")

    @api.model
    def coup_pos_record_collection(self, config_id, ticket):
        """A collection ticket from the till, recorded as a confirmed delivery exactly once
        (the ticket's identifier is the delivery's client reference).

        ``ticket``: ``{"uuid", "partner_id", "lines": [{"product_id", "gross_kg", "tare_kg",
        "moisture", "source"}]}``. Returns what the receipt shows.
        """
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise UserError(_("Only the till's users record collection tickets."))
        if not config.coup_collection:
            raise UserError(_("%s is not a collection point.", config.name))
        company = config.company_id
        partner = self.env["res.partner"].browse(ticket.get("partner_id") or 0).exists()
        if not partner:
            raise UserError(_("Scan the member's card first: a delivery is bought from a "
                              "member."))
        # the till's user records deliveries without the marketplace's rights: what they may
        # send is this ticket, checked here; the delivery is signed with their name
        membership = self.env["coup.membership"].sudo().search(
            [("partner_id", "=", partner.id), ("company_id", "=", company.id)], limit=1)
        if not membership:
            raise UserError(_("%(name)s is not a member of %(coop)s.", name=partner.name,
                              coop=company.name))
        if not ticket.get("lines"):
            raise UserError(_("The ticket has no produce."))
        vals = {
            "company_id": company.id, "membership_id": membership.id,
            "client_ref": ticket["uuid"], "pos_config_id": config.id,
            "delivery_place_id": config.coup_delivery_place_id.id,
            "collector_id": self.env.user.partner_id.id,
            "line_ids": [(0, 0, {
                "product_id": line["product_id"], "gross_kg": line["gross_kg"],
                "tare_kg": line.get("tare_kg") or 0.0, "moisture": line.get("moisture") or 0.0,
                "grade": line.get("grade") or False,
                "bags": 1, "coup_weight_source": line.get("source") or "typed",
            }) for line in ticket["lines"]],
        }
        purchase = self.sudo().with_company(company).coup_record_delivery(vals)
        if purchase.state == "draft":
            # a bag whose moisture was not measured is taken at the season's standard
            unmeasured = purchase.env["coup.purchase.line"].browse([
                line.id for line, sent in zip(purchase.line_ids.sorted("id"), ticket["lines"])
                if sent.get("moisture") in (None, "")])
            for standard, lines in unmeasured.grouped("moisture_standard").items():
                lines.write({"moisture": standard})
            purchase.action_confirm()
        return {"name": purchase.name, "net_kg": purchase.net_kg,
                "amount": purchase.amount_total, "member": partner.name,
                "member_number": membership.member_number,
                "typed": purchase.coup_weight_typed}
