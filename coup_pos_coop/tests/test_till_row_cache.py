import datetime

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.point_of_sale.tests.common import TestPointOfSaleCommon

MODELS = ["pos.config", "pos.order", "pos.order.line", "product.product", "account.tax"]


@tagged("post_install", "-at_install")
class TestTillRowCache(TestPointOfSaleCommon):
    """The till's product rows kept between openings (issue 19's speed part): what changed is
    in the next opening, rows are Odoo's own, and another cooperative's products never show."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pos_config.write({"limit_categories": False})
        cls.rice = cls.env["product.product"].create({
            "name": "Riz parfumé", "available_in_pos": True, "list_price": 3.0,
            "barcode": "5400000000017", "company_id": cls.company.id})
        cls.other_company = cls.company_data_2["company"]
        cls.foreign = cls.env["product.product"].create({
            "name": "Mil d'ailleurs", "available_in_pos": True, "list_price": 4.0,
            "company_id": cls.other_company.id})
        cls.pos_config.open_ui()
        cls.session = cls.pos_config.current_session_id
        # the rows shared between workers are written by a cursor of their own: the test's
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)

    def _restart(self):
        """A new server process (or another worker): nothing kept in the process."""
        self.registry.__dict__.pop("_coup_pos_rows", None)
        self.env.invalidate_all()

    def _shared(self, product):
        """The rows of ``product`` stored for the other workers."""
        return self.env.execute_query(SQL(
            "SELECT row FROM coup_pos_row_cache WHERE product_id = %s", product.id))

    def _rows(self, env=None):
        session = self.session.with_env(env or self.env)
        data = session.load_data(MODELS)
        return {row["id"]: row for row in data["product.product"]["data"]}

    def test_rows_are_odoos_own(self):
        """The rows from the cache are those Odoo's ``read`` gives, at the first opening
        and the next one."""
        first = self._rows()
        again = self._rows()
        self.assertEqual(first, again)
        Product = self.env["product.product"].with_context(
            bin_size=True, display_default_code=False)
        fields = list(first[self.rice.id])
        odoo = Product.browse(self.rice.id).read(
            [name for name in fields if not name.startswith("_")], load=False)[0]
        odoo["image_128"] = bool(odoo["image_128"])
        self.assertEqual({name: again[self.rice.id][name] for name in odoo}, odoo)

    def test_a_change_is_in_the_next_opening(self):
        """A price, a barcode, a tax, a tag set from the tag's side, an archived product:
        each is in the next opening of the till, in the same transaction too."""
        self.assertEqual(self._rows()[self.rice.id]["lst_price"], 3.0)
        self.rice.product_tmpl_id.list_price = 2.5
        self.assertEqual(self._rows()[self.rice.id]["lst_price"], 2.5)
        self.rice.barcode = "5400000000024"
        self.assertEqual(self._rows()[self.rice.id]["barcode"], "5400000000024")
        tax = self.env["account.tax"].create({
            "name": "TVA 5,5 %", "amount": 5.5, "company_id": self.company.id})
        self.rice.taxes_id = [Command.set(tax.ids)]
        self.assertEqual(self._rows()[self.rice.id]["taxes_id"], tax.ids)
        tag = self.env["product.tag"].create({"name": "Vrac"})
        tag.product_template_ids = [Command.link(self.rice.product_tmpl_id.id)]
        self.assertEqual(self._rows()[self.rice.id]["product_tag_ids"], tag.ids)
        self.rice.product_tmpl_id.name = "Riz basmati"
        self.assertEqual(self._rows()[self.rice.id]["display_name"], "Riz basmati")
        self.rice.active = False
        self.assertNotIn(self.rice.id, self._rows())

    def test_each_language_its_names(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.rice.product_tmpl_id.with_context(lang="fr_FR").name = "Riz parfumé (fr)"
        self.rice.product_tmpl_id.with_context(lang="en_US").name = "Fragrant rice"
        self.assertEqual(self._rows(self.env(context={"lang": "en_US"}))[self.rice.id]["name"],
                         "Fragrant rice")
        self.assertEqual(self._rows(self.env(context={"lang": "fr_FR"}))[self.rice.id]["name"],
                         "Riz parfumé (fr)")

    def test_never_another_cooperatives_products(self):
        """Another company's product is not on the till, even once the cache holds it for a
        user of both companies; read through the cache by a user of one company, refused."""
        both = self.env(context={"allowed_company_ids": [self.company.id,
                                                         self.other_company.id]})
        Product = both["product.product"].with_context(coup_pos_rows=True)
        self.assertEqual(Product.browse(self.foreign.id).read(["name"], load=False)[0]["name"],
                         "Mil d'ailleurs")
        self.assertNotIn(self.foreign.id, self._rows())
        cashier = self.env["res.users"].create({
            "name": "Caissière", "login": "coup_cache_cashier",
            "company_id": self.company.id, "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_user").id,
                                       self.env.ref("base.group_user").id])]})
        own = self.env(user=cashier)["product.product"].with_context(coup_pos_rows=True)
        with self.assertRaises(AccessError):
            own.browse(self.foreign.id).read(["name", "lst_price"], load=False)
        with self.assertRaises(AccessError):
            own.with_context(allowed_company_ids=[self.other_company.id]).browse(
                self.foreign.id).read(["name"], load=False)
        self.assertEqual(own.browse(self.rice.id).read(["name"], load=False)[0]["name"],
                         "Riz parfumé")

    def test_rows_after_a_restart(self):
        """A new process takes the rows the opening before stored (it does not read the
        catalogue again), and they are Odoo's own, in Odoo's order; what changed since
        shows."""
        self._restart()
        first = self._rows()
        self.assertTrue(self._shared(self.rice))
        self._restart()
        again = self._rows()
        self.assertEqual(again, first)
        self.assertEqual(list(again[self.rice.id]), list(first[self.rice.id]))
        self.assertIsInstance(again[self.rice.id]["write_date"],
                              type(first[self.rice.id]["write_date"]))
        # the stored row is what the next process serves (proof it is used): a row written
        # by hand at the product's current version
        self.env.cr.execute(SQL(
            "UPDATE coup_pos_row_cache SET row = replace(row, %s, %s) WHERE product_id = %s",
            "Riz parfum\\u00e9", "Riz du stock", self.rice.id))
        self._restart()
        self.assertEqual(self._rows()[self.rice.id]["name"], "Riz du stock")
        # ... until the product changes: a new version, read again
        self.rice.product_tmpl_id.list_price = 2.75
        self._restart()
        row = self._rows()[self.rice.id]
        self.assertEqual((row["name"], row["lst_price"]), ("Riz parfumé", 2.75))
        # a change in another table the rows come from: every row read again
        tax = self.env["account.tax"].create({
            "name": "TVA 5,5 %", "amount": 5.5, "company_id": self.company.id})
        self.rice.taxes_id = [Command.set(tax.ids)]
        self._restart()
        self.assertEqual(self._rows()[self.rice.id]["taxes_id"], tax.ids)
        self.env.cr.execute(SQL(
            "UPDATE coup_pos_row_cache SET row = replace(row, %s, %s) WHERE product_id = %s",
            "Riz parfum\\u00e9", "Riz du stock", self.rice.id))
        self.env["product.tag"].create({"name": "Bio"})
        self._restart()
        self.assertEqual(self._rows()[self.rice.id]["name"], "Riz parfumé")

    def test_never_another_cooperatives_products_after_a_restart(self):
        """Rows stored for a user of both cooperatives are never served to a user of one:
        the access is checked at each opening, whatever is stored."""
        self._restart()
        both = self.env(context={"allowed_company_ids": [self.company.id,
                                                         self.other_company.id]})
        Product = both["product.product"].with_context(coup_pos_rows=True)
        self.assertEqual(Product.browse(self.foreign.id).read(["name"], load=False)[0]["name"],
                         "Mil d'ailleurs")
        self.assertTrue(self._shared(self.foreign))
        cashier = self.env["res.users"].create({
            "name": "Caissière", "login": "coup_cache_cashier2",
            "company_id": self.company.id, "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref("point_of_sale.group_pos_user").id,
                                       self.env.ref("base.group_user").id])]})
        self._restart()
        self.assertNotIn(self.foreign.id, self._rows(self.env(user=cashier)))
        self.assertIn(self.rice.id, self._rows(self.env(user=cashier)))
        own = self.env(user=cashier)["product.product"].with_context(coup_pos_rows=True)
        with self.assertRaises(AccessError):
            own.browse(self.foreign.id).read(["name", "lst_price"], load=False)
        self._restart()
        with self.assertRaises(AccessError):
            own.with_context(allowed_company_ids=[self.other_company.id]).browse(
                self.foreign.id).read(["name"], load=False)

    def test_stored_form_round_trips(self):
        """Dates, times, a picture's size (bytes), lists and floats come back as they were;
        a row that would not (a tuple, a dict with number keys) is not stored."""
        from odoo.addons.coup_pos_coop.models import product_product as module

        row = {"id": 7, "write_date": datetime.datetime(2026, 12, 4, 15, 1, 2, 345678),
               "date": datetime.date(2026, 12, 4), "image_128": b"4.24 Kb",
               "taxes_id": [1, 2], "lst_price": 0.1 + 0.2, "name": "Riz parfumé",
               "active": True, "default_code": False, "standard_price": 3.0}
        back = module._coup_pos_row_loads(module._coup_pos_row_dumps(row))
        self.assertEqual(back, row)
        self.assertEqual({name: type(value) for name, value in back.items()},
                         {name: type(value) for name, value in row.items()})
        self.assertIsNone(module._coup_pos_row_dumps(dict(row, taxes_id=(1, 2))))
        self.assertIsNone(module._coup_pos_row_dumps(dict(row, extra={1: "a"})))
