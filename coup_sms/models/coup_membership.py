from odoo import api, models


class CoupMembership(models.Model):
    _inherit = "coup.membership"

    @api.model_create_multi
    def create(self, vals_list):
        memberships = super().create(vals_list)
        # A contact who becomes a member has their numbers read again, in their cooperative's
        # country (see res.partner._phone_get_country). Not a dependency of phone_sanitized:
        # the register import, which writes E.164 numbers and their sanitized form itself,
        # would recompute tens of thousands of them for nothing.
        partners = memberships.partner_id.filtered(
            lambda partner: not partner.country_id and (partner.phone or partner.mobile))
        if partners:
            self.env.add_to_compute(partners._fields["phone_sanitized"], partners)
        return memberships
