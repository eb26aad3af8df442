from odoo import _, models
from odoo.exceptions import UserError


class CoupOffer(models.Model):
    _inherit = "coup.offer"

    def action_contact_by_sms(self):
        """A draft SMS campaign to the members who offer these products: a segment 'offers
        <product>' per product, kept so that the campaign's reach can be read again."""
        offers = self.filtered(lambda o: o.state == "open")
        if not offers:
            raise UserError(_("Select available offers."))
        if len(offers.company_id) > 1 or len(offers.product_id) > 1:
            raise UserError(_("Select the offers of one product in one cooperative."))
        company, product = offers.company_id, offers.product_id
        segment = self.env["coup.member.segment"].create({
            "name": _("Members offering %s", product.display_name), "company_id": company.id,
            "state": False, "coup_offer_product_id": product.id})
        campaign = self.env["coup.sms.campaign"].with_company(company).create({
            "name": _("Buyer for %s", product.display_name), "company_id": company.id,
            "segment_id": segment.id,
            # one text per language, as the campaign sends each member theirs
            "body_fr": "Bonjour {first_name}, un acheteur demande : %s. Répondez pour "
                       "convenir de la livraison." % product.name,
            "body_es": "Hola {first_name}, un comprador pide: %s. Responda para acordar la "
                       "entrega." % product.name,
            "body_en": "Hello {first_name}, a buyer wants %s. Reply to agree on the "
                       "delivery." % product.name})
        return {"type": "ir.actions.act_window", "res_model": "coup.sms.campaign",
                "res_id": campaign.id, "view_mode": "form"}
