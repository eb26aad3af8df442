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

    def test_tickets_made_offline_are_recorded_once(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        self.start_tour("/pos/ui?config_id=%d" % self.main_pos_config.id,
                        "coup_pos_offline_tour", login="pos_user")
        orders = session.order_ids
        self.assertEqual(len(orders), 2)
        self.assertEqual(orders.partner_id, self.awa)
        self.assertEqual(sorted(orders.lines.product_id.mapped("name")),
                         ["Desk Pad", "Whiteboard Pen"])
        self.assertEqual(set(orders.mapped("state")), {"paid"})
        self.assertEqual(len(set(orders.mapped("uuid"))), 2)
