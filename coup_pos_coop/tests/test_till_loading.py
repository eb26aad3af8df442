from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.models.product import ProductProduct as PosProduct
from odoo.addons.point_of_sale.tests.common import TestPointOfSaleCommon


@tagged("post_install", "-at_install")
class TestTillLoading(TestPointOfSaleCommon):
    """The till's data load made lighter (issue 19's speed part) sends the same data: the
    archived combinations of products with attributes, whether a product has a picture."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        size = cls.env["product.attribute"].create({
            "name": "Conditionnement", "create_variant": "always",
            "value_ids": [Command.create({"name": "500 g"}), Command.create({"name": "1 kg"}),
                          Command.create({"name": "5 kg"})]})
        cls.rice = cls.env["product.template"].create({
            "name": "Riz parfumé", "available_in_pos": True, "list_price": 3.0,
            "attribute_line_ids": [Command.create({
                "attribute_id": size.id, "value_ids": [Command.set(size.value_ids.ids)]})]})
        cls.archived_variant = cls.rice.product_variant_ids[-1]
        cls.archived_variant.active = False
        cls.plain = cls.env["product.product"].create({
            "name": "Sel de Guérande", "available_in_pos": True, "list_price": 2.0})
        # a 1x1 PNG
        cls.pictured = cls.env["product.product"].create({
            "name": "Miel de lavande", "available_in_pos": True, "list_price": 9.0,
            "image_1920": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADh"
                          "QGAWjR9awAAAABJRU5ErkJggg=="})

    def _product_rows(self):
        self.pos_config.open_ui()
        session = self.pos_config.current_session_id
        data = session.load_data(["pos.config", "pos.order", "pos.order.line",
                                  "product.product", "account.tax"])
        return {row["id"]: row for row in data["product.product"]["data"]}

    def test_archived_combinations_as_odoo_sends_them(self):
        Product = self.env["product.product"]
        templates = (self.rice | self.plain.product_tmpl_id).ids
        ours = Product._get_archived_combinations_per_product_tmpl_id(templates)
        odoo = PosProduct._get_archived_combinations_per_product_tmpl_id(Product, templates)
        self.assertEqual({key: sorted(value) for key, value in ours.items()},
                         {key: sorted(value) for key, value in odoo.items()})
        self.assertEqual(ours[self.rice.id],
                         [tuple(self.archived_variant.product_template_attribute_value_ids.ids)],
                         "the archived variant cannot be chosen at the till")
        self.assertEqual(ours[self.plain.product_tmpl_id.id], [])
        rows = self._product_rows()
        variant = self.rice.product_variant_ids[0]
        self.assertEqual(rows[variant.id]["_archived_combinations"],
                         ours[self.rice.id])

    def test_the_till_knows_which_products_have_a_picture(self):
        rows = self._product_rows()
        self.assertIs(rows[self.pictured.id]["image_128"], True)
        self.assertIs(rows[self.plain.id]["image_128"], False)
