from odoo.tests import tagged

from odoo.addons.coup_marketplace.tests.common import MarketCase


@tagged("post_install", "-at_install")
class TestPatronage(MarketCase):

    _coup_prefix = "CapMarket"

    def make_run(self, basis):
        return self.env["coup.surplus.distribution"].create({
            "name": "Ristournes cajou 2026", "company_id": self.coop_ml.id,
            "date_from": "2026-01-01", "date_to": "2026-12-31", "surplus": 90000,
            "patronage_basis": basis})

    def test_patronage_by_kg_and_value(self):
        """Awa delivers twice as much as Siaka: two thirds of the return go to her; a
        delivery reversed counts for nothing."""
        self.delivery(self.awa, gross_kg=402.5)
        self.delivery(self.awa, gross_kg=402.5)
        self.delivery(self.siaka, gross_kg=402.5)
        reversed_delivery = self.delivery(self.siaka, gross_kg=402.5)
        reversed_delivery.action_reverse()
        run = self.make_run("delivery_kg")
        run.action_compute()
        lines = {l.membership_id: l for l in run.member_line_ids}
        self.assertAlmostEqual(lines[self.awa].basis, 800.0)
        self.assertAlmostEqual(lines[self.siaka].basis, 400.0)
        self.assertEqual(lines[self.awa].patronage, 60000)
        self.assertEqual(lines[self.siaka].patronage, 30000)
        by_value = self.make_run("delivery_value")
        by_value.action_compute()
        self.assertEqual(sum(by_value.member_line_ids.mapped("patronage")), 90000)

    def test_other_cooperative_deliveries_ignored(self):
        self.delivery(self.awa)
        self.delivery(self.diego)
        run = self.make_run("delivery_kg")
        run.action_compute()
        self.assertEqual(run.member_line_ids.membership_id, self.awa)
