from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import MarketCase


@tagged("post_install", "-at_install")
class TestMarketSecurity(MarketCase):

    def test_each_cooperative_sees_only_its_own_trade(self):
        mali, colombia = self.delivery(), self.delivery(self.diego, grade=False, moisture=12)
        Purchase = self.env["coup.purchase"].with_user(self.user_co)
        self.assertEqual(Purchase.search([]), colombia)
        with self.assertRaises(AccessError):
            mali.with_user(self.user_co).read(["amount_total"])
        self.assertFalse(self.env["coup.price.list"].with_user(self.user_co).search(
            [("id", "=", self.season.id)]))
        lines = self.env["coup.purchase.line"].with_user(self.user_co).search([])
        self.assertEqual(lines.purchase_id, colombia)

    def test_staff_cannot_delete_and_only_managers_set_prices(self):
        staff = new_test_user(self.env, "market_staff_ml",
                              groups="coup_member_registry.group_coup_user",
                              company_id=self.coop_ml.id, company_ids=[self.coop_ml.id])
        draft = self.delivery(confirm=False)
        with self.assertRaises(AccessError):
            draft.with_user(staff).unlink()
        with self.assertRaises(AccessError):
            self.season.with_user(staff).write({"moisture_max": 30})
        self.season.with_user(self.manager_ml).write({"moisture_max": 16})

    def test_a_portal_member_sees_only_their_own_deliveries(self):
        mine, other = self.delivery(), self.delivery(self.siaka)
        awa_user = new_test_user(self.env, "market_portal_awa", groups="base.group_portal",
                                 partner_id=self.awa.partner_id.id)
        Purchase = self.env["coup.purchase"].with_user(awa_user)
        self.assertEqual(Purchase.search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(awa_user).read(["name"])
        draft = self.delivery(confirm=False)
        with self.assertRaises(AccessError):
            draft.with_user(awa_user).write({"note": "x"})
