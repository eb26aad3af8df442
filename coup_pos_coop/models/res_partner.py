from odoo import api, fields, models


class ResPartner(models.Model):
    """What the till shows of a customer: their membership in the till's cooperative."""

    _inherit = "res.partner"

    coup_pos_member_number = fields.Char(compute="_compute_coup_pos_member",
                                         string="Member Number (Till)")
    coup_pos_member_state = fields.Char(compute="_compute_coup_pos_member",
                                        string="Member State (Till)")
    coup_pos_principal_name = fields.Char(compute="_compute_coup_pos_member",
                                          string="Household Of (Till)")

    @api.depends_context("company")
    def _compute_coup_pos_member(self):
        company = self.env.company
        memberships = self.env["coup.membership"].sudo().search(
            [("partner_id", "in", self.ids), ("company_id", "=", company.id)])
        by_partner = {m.partner_id.id: m for m in memberships}
        for partner in self:
            membership = by_partner.get(partner.id)
            partner.coup_pos_member_number = membership.member_number if membership else False
            partner.coup_pos_member_state = membership.state if membership else False
            partner.coup_pos_principal_name = membership.principal_membership_id.partner_id.name \
                if membership and membership.principal_membership_id else False

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + [
            "coup_pos_member_number", "coup_pos_member_state", "coup_pos_principal_name"]
