from odoo import api, fields, models


class CoupMemberSegment(models.Model):
    """Segments by trade: 'offers cashew now', to reach the members who have a product a
    buyer wants (an SMS campaign, an invitation)."""

    _inherit = "coup.member.segment"

    coup_offer_product_id = fields.Many2one(
        "product.product", string="Offers", help="Only members with an available offer of "
                                                 "this product.")

    @api.model
    def _member_count_depends(self):
        return super()._member_count_depends() + ["coup_offer_product_id"]

    def _get_membership_domain(self):
        domain = super()._get_membership_domain()
        if self.coup_offer_product_id:
            domain.append(("coup_offer_ids", "any", [
                ("product_id", "=", self.coup_offer_product_id.id), ("state", "=", "open")]))
        return domain
