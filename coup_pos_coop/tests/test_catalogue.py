import base64
import io

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from odoo.addons.coup_pos_coop.wizards.coup_supplier_catalogue_import import ean_is_valid


def workbook(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return base64.b64encode(stream.getvalue())


HEADER = ["EAN", "Désignation", "Marque", "Réf. fournisseur", "Prix d'achat", "Prix de vente",
          "Vrac"]


@tagged("post_install", "-at_install")
class TestSupplierCatalogue(TransactionCase):
    """A supplier's spreadsheet into the shop's catalogue; price tags for changed prices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.supplier = cls.env["res.partner"].create({"name": "Biofresh", "is_company": True})
        cls.company = cls.env.company
        cls.flour = cls.env["product.template"].create({
            "name": "Farine T80", "barcode": "5400000000010", "list_price": 2.10,
            "company_id": cls.company.id})
        cls.flour.coup_price_tag_pending = False

    def run_import(self, rows, skip=False):
        wizard = self.env["coup.supplier.catalogue.import"].create({
            "supplier_id": self.supplier.id, "file": workbook([HEADER] + rows),
            "filename": "biofresh.xlsx", "skip_invalid": skip})
        wizard.action_import()
        return wizard

    def test_ean_check_digit(self):
        self.assertTrue(ean_is_valid("5400000000010"))
        self.assertFalse(ean_is_valid("5400000000011"))
        self.assertTrue(ean_is_valid("96385074"))
        self.assertFalse(ean_is_valid("54000A0000010"))

    def test_a_catalogue_creates_and_updates_products(self):
        wizard = self.run_import([
            ["5400000000010", "Farine T80", "Moulin d'Or", "BF-1", 1.2, 2.35, ""],
            ["5400000000027", "Lentilles vertes", "Terra", "BF-2", "0,90", "1,95", ""],
            ["5400000000034", "Noix de cajou", "terra", "BF-3", 8, 14.5, "oui"],
        ])
        self.assertEqual((wizard.created_count, wizard.updated_count,
                          wizard.price_changed_count, wizard.rejected_count), (2, 1, 1, 0))
        Template = self.env["product.template"]
        lentils = Template.search([("barcode", "=", "5400000000027")])
        self.assertEqual((lentils.name, lentils.list_price, lentils.product_brand_id.name),
                         ("Lentilles vertes", 1.95, "Terra"))
        cashew = Template.search([("barcode", "=", "5400000000034")])
        self.assertEqual(cashew.product_brand_id, lentils.product_brand_id,
                         "brands are matched whatever their case")
        self.assertTrue(cashew.to_weight)
        self.assertEqual(cashew.uom_id, self.env.ref("uom.product_uom_kgm"))
        self.assertEqual(self.flour.list_price, 2.35)
        seller = self.flour.seller_ids.filtered(lambda s: s.partner_id == self.supplier)
        self.assertEqual((seller.price, seller.product_code), (1.2, "BF-1"))
        # the changed price needs a tag; the tags printed, it no longer does
        pending = Template.search([("coup_price_tag_pending", "=", True)])
        self.assertIn(self.flour, pending)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coup_pos_coop.action_report_coup_price_tags", self.flour.ids)[0].decode()
        self.assertIn("Farine T80", html)
        self.assertIn("2.35", html)
        self.assertIn("Moulin d", html)
        self.flour.action_coup_price_tags_printed()
        self.assertFalse(self.flour.coup_price_tag_pending)
        # the same catalogue again changes nothing
        again = self.run_import([
            ["5400000000010", "Farine T80", "Moulin d'Or", "BF-1", 1.2, 2.35, ""]])
        self.assertEqual((again.created_count, again.price_changed_count), (0, 0))
        self.assertEqual(len(self.flour.seller_ids), 1)

    def test_bad_rows_are_reported_and_nothing_is_written(self):
        rows = [
            ["5400000000027", "Lentilles vertes", "Terra", "", 0.9, 1.95, ""],
            ["5400000000028", "Pois chiches", "Terra", "", 0.9, 1.95, ""],
            ["5400000000027", "Lentilles (doublon)", "Terra", "", 0.9, 1.95, ""],
            ["5400000000034", "", "Terra", "", 0.9, 1.95, ""],
            ["5400000000041", "Riz", "Terra", "", 0.9, "gratuit", ""],
            ["5400000000058", "Sel", "Terra", "", 0.9, 0, ""],
        ]
        with self.assertRaises(UserError) as caught:
            self.run_import(rows)
        message = str(caught.exception)
        self.assertIn("5 rows", message)
        self.assertIn("Row 3 (5400000000028): the barcode 5400000000028 is not a valid EAN",
                      message)
        self.assertIn("already on row 2", message)
        self.assertIn("Row 5", message)
        self.assertIn("no product name", message)
        self.assertIn("gratuit", message)
        self.assertIn("above zero", message)
        self.assertFalse(self.env["product.template"].search(
            [("barcode", "=", "5400000000027")]), "nothing was imported")
        # the user chooses to import the valid rows: the others are listed
        wizard = self.run_import(rows, skip=True)
        self.assertEqual((wizard.created_count, wizard.rejected_count), (1, 5))
        self.assertIn("5400000000028", wizard.report_html)

    def test_a_catalogue_without_its_columns_is_refused(self):
        wizard = self.env["coup.supplier.catalogue.import"].create({
            "supplier_id": self.supplier.id, "filename": "x.xlsx",
            "file": workbook([["Article", "Couleur"], ["Farine", "blanc"]])})
        with self.assertRaisesRegex(UserError, "no barcode, sale price column"):
            wizard.action_import()

    def test_the_till_searches_by_brand(self):
        brand = self.env["product.brand"].create({"name": "Moulin d'Or"})
        self.flour.product_brand_id = brand
        fields_ = self.env["product.product"]._load_pos_data_fields(False)
        self.assertIn("coup_pos_brand_name", fields_)
        self.assertEqual(self.flour.product_variant_id.coup_pos_brand_name, "Moulin d'Or")
