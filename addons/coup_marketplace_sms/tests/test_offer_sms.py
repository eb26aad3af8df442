from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.coup_marketplace.tests.common import MarketCase


@tagged("post_install", "-at_install")
class TestOfferSms(MarketCase):
    _coup_prefix = "Offer SMS"

    def test_the_members_who_offer_a_product_get_a_campaign(self):
        Offer = self.env["coup.offer"]
        offers = Offer.create([
            {"company_id": self.coop_ml.id, "membership_id": member.id,
             "product_id": self.cashew.id, "quantity_kg": 300} for member in (self.awa, self.siaka)])
        action = offers.action_contact_by_sms()
        campaign = self.env["coup.sms.campaign"].browse(action["res_id"])
        self.assertEqual(campaign.state, "draft")
        self.assertEqual(campaign.company_id, self.coop_ml)
        members = self.env["coup.membership"].search(campaign.segment_id._get_membership_domain())
        self.assertEqual(members, self.awa | self.siaka)
        self.assertIn("Raw cashew (test)", campaign.body_fr)
        coffee = Offer.create({"company_id": self.coop_co.id, "membership_id": self.diego.id,
                               "product_id": self.coffee.id, "quantity_kg": 60})
        with self.assertRaisesRegex(UserError, "one product in one cooperative"):
            (offers | coffee).action_contact_by_sms()
