from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestWeighedGoods(TestPointOfSaleHttpCommon):
    """Goods sold by weight at the till: the scale, weight-embedded barcodes, bad scans."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.main_pos_config.company_id
        cls.awa = cls.env["res.partner"].with_company(company).create(
            {"name": "Awa Caissière", "barcode": "0420100000012"})
        cls.env["coup.membership"].sudo().create({
            "partner_id": cls.awa.id, "company_id": company.id, "member_number": "T-001",
            "state": "active"})
        kg = cls.env.ref("uom.product_uom_kgm")
        Product = cls.env["product.product"]
        common = {"available_in_pos": True, "to_weight": True, "uom_id": kg.id,
                  "uom_po_id": kg.id, "taxes_id": [(6, 0, [])], "type": "consu"}
        cls.rice = Product.create(dict(common, name="Riz local", barcode="2000000000015",
                                       list_price=2.0))
        cls.cheese = Product.create(dict(
            common, name="Fromage de chèvre", barcode="2112345000008", list_price=20.0,
            product_brand_id=cls.env["product.brand"].create({"name": "Chèvrerie du Val"}).id))
        cls.bread = Product.create({"name": "Pain au levain", "barcode": "2333333000002",
                                    "available_in_pos": True, "list_price": 1.0,
                                    "taxes_id": [(6, 0, [])]})
        cls.soap = Product.create({"name": "Vieux savon", "barcode": "5400000000010",
                                   "available_in_pos": True, "active": False})
        cls.main_pos_config.iface_electronic_scale = True

    def test_weighed_goods_at_the_till(self):
        """Rice scanned goes to the scale (zero refused, weighed 1.25 kg), cheese by its label's
        weight, bread by its label's price, a silent scale and an archived product's barcode add nothing; the cheese is
        found by its brand; the receipt names the member."""
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_tour("/pos/ui?config_id=%d" % self.main_pos_config.id,
                        "coup_pos_weighed_goods_tour", login="pos_user")
        order = self.env["pos.order"].search(
            [("session_id", "=", self.main_pos_config.current_session_id.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.awa)
        quantities = {line.product_id: line.qty for line in order.lines}
        self.assertEqual(quantities, {self.rice: 1.25, self.cheese: 0.75, self.bread: 1})
        self.assertAlmostEqual(order.amount_total, 1.25 * 2.0 + 0.75 * 20.0 + 3.45)

    def test_an_archived_products_barcode_is_named(self):
        config = self.main_pos_config.with_user(self.pos_user)
        self.assertEqual(config.coup_archived_product_name("5400000000010"), "Vieux savon")
        self.assertFalse(config.coup_archived_product_name("2000000000015"),
                         "an active product is not archived")
        self.assertFalse(config.coup_archived_product_name("9999999999994"))
