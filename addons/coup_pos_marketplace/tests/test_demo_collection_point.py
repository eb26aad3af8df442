from unittest import SkipTest

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoCollectionPoint(TransactionCase):
    """The demo's Kléla has a working collection point: a till in collection mode at one of
    its collection places, buying raw cashew only, in CFA francs, at the season's prices."""

    def test_the_klela_collection_till(self):
        company = self.env.ref("coup_member_registry.company_coop_klela",
                               raise_if_not_found=False)
        cashew = self.env.ref("coup_marketplace.product_cashew_raw", raise_if_not_found=False)
        if not company or not cashew:
            raise SkipTest("installed without demo data")
        till = self.env["pos.config"].search([("company_id", "=", company.id),
                                              ("coup_collection", "=", True)])
        self.assertEqual(len(till), 1)
        # one of Kléla's collection places (Zanadougou from the marketplace's demo, or the
        # field book's Kléla drop point when the field book is installed too)
        place = till.coup_delivery_place_id
        self.assertEqual((place.type, place.parent_id), ("delivery", company.partner_id))
        self.assertEqual(till.name, place.name)
        self.assertEqual(till.currency_id, company.currency_id)
        self.assertEqual(till.currency_id.name, "XOF")
        self.assertEqual(till.payment_method_ids.journal_id.company_id, company)
        self.assertEqual(
            self.env["product.product"].search(till._get_available_product_domain()), cashew,
            "the collection till buys cashew, not Odoo's demo furniture")
        self.assertEqual(sorted(grade for __, grade, __ in till.coup_season["prices"]),
                         ["A", "B"])
        manager = self.env.ref("coup_member_registry.user_manager_klela")
        till.with_user(manager).open_ui()
        self.assertIn(till.current_session_id.state, ("opening_control", "opened"))
