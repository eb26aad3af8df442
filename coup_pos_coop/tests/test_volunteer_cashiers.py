from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestVolunteerCashiers(TestPointOfSaleHttpCommon):
    """Volunteers of a work group open the till with their member card; the practice till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.main_pos_config.company_id
        cls.pos_user.partner_id.email = "pos_user@test.com"  # opening the till posts a note
        Partner = cls.env["res.partner"].with_company(cls.company)
        Membership = cls.env["coup.membership"].sudo()

        def member(name, card, number, state="active"):
            partner = Partner.create({"name": name, "barcode": card})
            return Membership.create({"partner_id": partner.id, "company_id": cls.company.id,
                                      "member_number": number, "state": state})
        cls.awa = member("Awa Caissière", "0420100000012", "V-001")
        cls.moussa = member("Moussa Rayons", "0420100000029", "V-002")
        cls.ibrahim = member("Ibrahim Sans Groupe", "0420100000036", "V-003")
        cls.group = cls.env["coup.work.group"].create({
            "name": "Saturday till", "kind": "till", "company_id": cls.company.id,
            "membership_ids": [Command.set([cls.awa.id, cls.moussa.id])],
            "pos_config_ids": [Command.set(cls.main_pos_config.ids)]})

    def employee(self, membership):
        return self.env["hr.employee"].with_context(active_test=False).search(
            [("coup_membership_id", "=", membership.id)])

    def test_the_work_group_makes_the_cashiers(self):
        awa = self.employee(self.awa)
        self.assertEqual((awa.name, awa.sudo().barcode, awa.company_id, awa.active),
                         ("Awa Caissière", "0420100000012", self.company, True))
        self.assertEqual(awa.work_contact_id, self.awa.partner_id)
        self.assertTrue(self.main_pos_config.module_pos_hr)
        self.assertEqual(self.main_pos_config.basic_employee_ids,
                         self.employee(self.awa) | self.employee(self.moussa))
        self.assertFalse(self.employee(self.ibrahim))
        # Moussa leaves the group, Ibrahim joins: Moussa's badge stops working
        self.group.membership_ids = [Command.set([self.awa.id, self.ibrahim.id])]
        self.assertFalse(self.employee(self.moussa).active)
        self.assertEqual(self.main_pos_config.basic_employee_ids,
                         self.employee(self.awa) | self.employee(self.ibrahim))
        # a suspended member cannot open the till
        self.awa.state = "suspended"
        self.group._coup_sync_cashiers()
        self.assertFalse(self.employee(self.awa).active)
        self.assertNotIn(self.employee(self.awa), self.main_pos_config.basic_employee_ids)
        # a shelves group makes no cashier
        shelves = self.env["coup.work.group"].create({
            "name": "Shelves", "kind": "shelves", "company_id": self.company.id,
            "membership_ids": [Command.set([self.moussa.id])]})
        self.assertFalse(shelves.employee_ids)
        self.assertFalse(self.employee(self.moussa).active)

    def test_a_card_already_used_as_a_badge_is_refused(self):
        self.env["hr.employee"].create({"name": "Gardien", "barcode": "0420100000036",
                                        "company_id": self.company.id})
        with self.assertRaisesRegex(ValidationError, "0420100000036.*Ibrahim Sans Groupe"):
            self.group.membership_ids = [Command.link(self.ibrahim.id)]

    def test_work_groups_stay_in_their_cooperative(self):
        other = self.env["res.company"].create({"name": "Autre Coop"})
        self.env["coup.work.group"].create({"name": "Their till", "company_id": other.id})
        user = self.pos_user
        self.assertEqual(self.env["coup.work.group"].with_user(user).search([]), self.group)
        with self.assertRaises(AccessError):
            self.env["coup.work.group"].with_user(user).create(
                {"name": "Mine", "company_id": self.company.id})

    def test_a_volunteer_opens_the_practice_till_with_her_card(self):
        self.main_pos_config.coup_practice = True
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id
        self.start_tour("/pos/ui?config_id=%d" % self.main_pos_config.id,
                        "coup_pos_volunteer_cashier_tour", login="pos_user")
        order = session.order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.employee_id, self.employee(self.awa))
        self.assertTrue(order.coup_practice)
        self.assertFalse(order.picking_ids, "a practice ticket moves no stock")
        # closing the practice session makes no journal entry
        session.action_pos_session_closing_control()
        self.assertEqual(session.state, "closed")
        self.assertFalse(session.move_id)
        self.assertFalse(session.statement_line_ids)
        self.assertEqual(order.state, "done")
        # nor is it in the member's booklet or the dashboard
        with self.assertRaisesRegex(UserError, "cannot be invoiced"):
            order._generate_pos_order_invoice()
        # one click wipes the practice
        self.main_pos_config.action_coup_practice_reset()
        self.assertFalse(order.exists())
        self.assertFalse(session.exists())
        self.assertEqual(self.main_pos_config.coup_practice_order_count, 0)

    def test_a_real_till_cannot_be_wiped(self):
        with self.assertRaisesRegex(UserError, "not a practice till"):
            self.main_pos_config.action_coup_practice_reset()

    def test_practice_tickets_count_in_no_figure(self):
        self.main_pos_config.coup_practice = True
        self.main_pos_config.with_user(self.pos_user).open_ui()
        order = self.env["pos.order"].create({
            "session_id": self.main_pos_config.current_session_id.id,
            "company_id": self.company.id, "partner_id": self.awa.partner_id.id,
            "amount_tax": 0, "amount_total": 700, "amount_paid": 700, "amount_return": 0,
            "state": "paid", "uuid": "coup-practice-1"})
        self.assertTrue(order.coup_practice)
        self.assertEqual(self.main_pos_config.coup_practice_order_count, 1)
        self.env.flush_all()
        self.assertFalse(self.env["coup.member.booklet"].sudo().search(
            [("partner_id", "=", self.awa.partner_id.id), ("kind", "=", "shop_purchase")]))
        data = self.env["coup.dashboard"].sudo().get_dashboard_data(company_ids=self.company.ids)
        figures = {f["key"]: f["values"] for f in data["figures"]}
        values = figures["shop_sales_members"]
        self.assertFalse(values.get(str(self.company.id), values.get(self.company.id, 0)))
