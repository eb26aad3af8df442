from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestCollectionPoint(TestPointOfSaleHttpCommon):
    """A till in collection mode buys produce: each ticket is a delivery, recorded once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.main_pos_config
        company = cls.config.company_id
        kg = cls.env.ref("uom.product_uom_kgm")
        cls.cashew = cls.env["product.product"].create({
            "name": "Raw cashew", "barcode": "2000000000022", "available_in_pos": True,
            "to_weight": True, "is_storable": True, "uom_id": kg.id, "uom_po_id": kg.id,
            "list_price": 350, "taxes_id": [(6, 0, [])]})
        cls.env["coup.price.list"].sudo().create({
            "name": "Cashew 2026", "company_id": company.id, "date_from": "2020-01-01",
            "date_to": "2099-12-31", "moisture_standard": 8, "moisture_max": 15,
            "line_ids": [(0, 0, {"product_id": cls.cashew.id, "price_kg": 350}),
                         (0, 0, {"product_id": cls.cashew.id, "grade": "A", "price_kg": 360})]})
        cls.awa = cls.env["res.partner"].with_company(company).create(
            {"name": "Awa Collecte", "barcode": "0420100000012"})
        cls.membership = cls.env["coup.membership"].sudo().create({
            "partner_id": cls.awa.id, "company_id": company.id, "member_number": "C-001",
            "state": "active"})
        cls.config.write({"coup_collection": True, "iface_electronic_scale": True})

    def ticket(self, ref="coup-collect-1", partner=None):
        return {"uuid": ref, "partner_id": (partner or self.awa).id, "lines": [
            {"product_id": self.cashew.id, "gross_kg": 52.5, "tare_kg": 0.5,
             "source": "scale"},
            {"product_id": self.cashew.id, "gross_kg": 41, "tare_kg": 0, "source": "typed",
             "moisture": 10, "grade": "A"}]}

    def test_a_collection_ticket_is_a_delivery_recorded_once(self):
        Purchase = self.env["coup.purchase"].with_user(self.pos_user)
        receipt = Purchase.coup_pos_record_collection(self.config.id, self.ticket())
        again = Purchase.coup_pos_record_collection(self.config.id, self.ticket())
        purchase = self.env["coup.purchase"].sudo().search(
            [("client_ref", "=", "coup-collect-1")])
        self.assertEqual(len(purchase), 1, "the ticket sent twice is one delivery")
        self.assertEqual(receipt, again)
        self.assertEqual(purchase.state, "confirmed")
        self.assertEqual((purchase.membership_id, purchase.pos_config_id),
                         (self.membership, self.config))
        self.assertEqual(purchase.net_kg, 93)
        first, second = purchase.line_ids.sorted("id")
        self.assertEqual((first.moisture, first.grade), (8, False),
                         "a bag not measured is at the season's standard moisture")
        self.assertEqual((second.moisture, second.grade), (10, "A"))
        self.assertLess(second.payable_kg, 41, "the wetter bag is paid for less")
        self.assertEqual((first.price_kg, second.price_kg), (350, 360))
        self.assertAlmostEqual(purchase.amount_total,
                               first.payable_kg * 350 + second.payable_kg * 360)
        self.assertEqual(purchase.line_ids.mapped("coup_weight_source"), ["scale", "typed"])
        self.assertTrue(purchase.coup_weight_typed)
        self.assertEqual((receipt["net_kg"], receipt["member_number"], receipt["typed"]),
                         (93, "C-001", True))
        # the season refuses a bag too wet: nothing is recorded
        wet = dict(self.ticket("coup-collect-2"))
        wet["lines"] = [dict(wet["lines"][0], moisture=20)]
        with self.assertRaisesRegex(Exception, "moisture 20"):
            Purchase.coup_pos_record_collection(self.config.id, wet)

    def test_bad_collection_tickets_are_refused(self):
        Purchase = self.env["coup.purchase"].with_user(self.pos_user)
        stranger = self.env["res.partner"].create({"name": "Passant"})
        with self.assertRaisesRegex(UserError, "Passant is not a member"):
            Purchase.coup_pos_record_collection(self.config.id,
                                                self.ticket("x-1", partner=stranger))
        with self.assertRaisesRegex(UserError, "no produce"):
            Purchase.coup_pos_record_collection(self.config.id,
                                                dict(self.ticket("x-2"), lines=[]))
        self.config.coup_collection = False
        with self.assertRaisesRegex(UserError, "not a collection point"):
            Purchase.coup_pos_record_collection(self.config.id, self.ticket("x-3"))
        self.assertFalse(self.env["coup.purchase"].sudo().search([("client_ref", "like", "x-")]))

    def test_a_collection_ticket_at_the_till(self):
        self.config.with_user(self.pos_user).open_ui()
        self.start_tour("/pos/ui?config_id=%d" % self.config.id, "coup_pos_collection_tour",
                        login="pos_user")
        purchase = self.env["coup.purchase"].sudo().search(
            [("pos_config_id", "=", self.config.id)])
        self.assertEqual(len(purchase), 1)
        self.assertEqual(purchase.partner_id, self.awa)
        lines = purchase.line_ids.sorted("id")
        self.assertEqual(
            [(l.gross_kg, l.tare_kg, l.coup_weight_source, l.moisture, l.grade) for l in lines],
            [(52.5, 0.5, "scale", 8, False), (41, 0, "typed", 10, "A")])
        self.assertFalse(self.config.current_session_id.order_ids,
                         "a collection ticket is no sale")

    def test_the_receipt_offered_by_sms(self):
        """With coup_sms the member gets the receipt by SMS (once); without it none is offered."""
        self.awa.phone = "+223 76 00 00 01"
        Purchase = self.env["coup.purchase"].with_user(self.pos_user)
        receipt = Purchase.coup_pos_record_collection(self.config.id, self.ticket("coup-sms-1"))
        if "coup.sms.gateway" not in self.env:
            self.assertFalse(receipt["sms"])
            with self.assertRaisesRegex(UserError, "cannot be sent by SMS"):
                Purchase.coup_pos_send_receipt_sms(self.config.id, "coup-sms-1")
            return
        self.assertTrue(receipt["sms"])
        Purchase.coup_pos_send_receipt_sms(self.config.id, "coup-sms-1")
        Purchase.coup_pos_send_receipt_sms(self.config.id, "coup-sms-1")
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", self.awa.id)])
        self.assertEqual(len(sms), 1, "the receipt is sent once")
        self.assertIn(receipt["name"], sms.body)
        self.assertIn("93", sms.body)
        self.assertIn("/coup/verify/purchase/", sms.body)
        self.assertEqual(sms.state, "outgoing")
