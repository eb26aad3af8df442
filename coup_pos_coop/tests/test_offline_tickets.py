from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestOfflineTickets(TestPointOfSaleHttpCommon):
    """Tickets made with the network down reach the server once it is back, and once only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.main_pos_config.company_id
        cls.awa = cls.env["res.partner"].with_company(company).create(
            {"name": "Awa Caissière", "barcode": "0420100000012"})
        cls.env["coup.membership"].sudo().create({
            "partner_id": cls.awa.id, "company_id": company.id, "member_number": "T-001",
            "state": "active"})

    def test_tickets_paid_offline_survive_a_reload_and_leave_when_the_network_returns(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        self.start_tour("/pos/ui?config_id=%d" % self.main_pos_config.id,
                        "coup_pos_offline_tour", login="pos_user")
        orders = session.order_ids.filtered(lambda o: o.lines)
        self.assertEqual(len(session.order_ids), 3, "three sales, three tickets: none lost, "
                                                    "no draft left carrying their payments")
        self.assertEqual(orders.partner_id, self.awa)
        self.assertEqual(sorted(orders.lines.product_id.mapped("name")),
                         ["Desk Pad", "Letter Tray", "Whiteboard Pen"])
        self.assertEqual(set(orders.mapped("state")), {"paid"})
        for order in orders:
            self.assertAlmostEqual(sum(order.payment_ids.mapped("amount")), order.amount_total)
            self.assertEqual(order.payment_ids.payment_method_id.name, "Cash")
        refs = self.env["coup.capture.ref"].sudo().search(
            [("model", "=", "pos.order"), ("client_ref", "in", orders.mapped("uuid"))])
        self.assertEqual(sorted(refs.mapped("res_id")), sorted(orders.ids),
                         "each ticket claimed once under its uuid")

    def test_a_ticket_sent_twice_returns_the_record(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        vals = {"session_id": session.id, "uuid": "coup-offline-0001", "name": "T 0001",
                "company_id": session.config_id.company_id.id, "lines": [], "payment_ids": [],
                "access_token": "coup-offline-token-0001",
                "amount_tax": 0, "amount_total": 0, "amount_paid": 0, "amount_return": 0,
                "state": "draft"}
        Order = self.env["pos.order"].with_user(self.pos_user)
        first = Order.sync_from_ui([dict(vals)])["pos.order"]
        again = Order.sync_from_ui([dict(vals)])["pos.order"]
        self.assertEqual([o["id"] for o in first], [o["id"] for o in again])
        self.assertEqual(self.env["pos.order"].search_count([("uuid", "=", "coup-offline-0001")]),
                         1)
