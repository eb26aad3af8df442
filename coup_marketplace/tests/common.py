import os
import shutil
import tempfile

from odoo.addons.coup_member_registry.tests.common import CoupCase


class MarketCase(CoupCase):
    """The registry's federation, each cooperative with its own books (a chart of accounts in
    its own currency), a season price list and active members."""

    _coup_prefix = "Market"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.coop_ml | cls.coop_co)._coup_load_chart("generic_coa")
        kg = cls.env.ref("uom.product_uom_kgm")
        cls.cashew = cls.env["product.product"].create({
            "name": "Raw cashew (test)", "is_storable": True, "tracking": "lot",
            "uom_id": kg.id, "uom_po_id": kg.id})
        cls.coffee = cls.env["product.product"].create({
            "name": "Coffee (test)", "is_storable": True, "uom_id": kg.id, "uom_po_id": kg.id})
        cls.season = cls.env["coup.price.list"].create({
            "name": "Cashew 2026", "company_id": cls.coop_ml.id, "date_from": "2026-01-01",
            "date_to": "2026-12-31", "moisture_standard": 8, "moisture_max": 15,
            "line_ids": [(0, 0, {"product_id": cls.cashew.id, "grade": "A", "price_kg": 350}),
                         (0, 0, {"product_id": cls.cashew.id, "grade": "B", "price_kg": 300})],
            "premium_ids": [(0, 0, {"name": "Fairtrade", "amount_kg": 15})]})
        cls.season_co = cls.env["coup.price.list"].create({
            "name": "Cosecha 2026", "company_id": cls.coop_co.id, "date_from": "2026-01-01",
            "date_to": "2026-12-31", "moisture_standard": 12, "moisture_max": 13,
            "line_ids": [(0, 0, {"product_id": cls.coffee.id, "price_kg": 16800})]})
        cls.awa = cls.make_member("Awa Market", cls.coop_ml, member_number="ML-201",
                                  state="active")
        cls.siaka = cls.make_member("Siaka Market", cls.coop_ml, member_number="ML-202",
                                    state="active")
        cls.diego = cls.make_member("Diego Market", cls.coop_co, member_number="CO-201",
                                    state="active")

    def setUp(self):
        super().setUp()
        # each test its own anchor journal: the records a test confirms are rolled back after
        # it, the journal on the disk is not
        folder = tempfile.mkdtemp(prefix="coup-anchors-")
        self.addCleanup(shutil.rmtree, folder, ignore_errors=True)
        path = os.path.join(folder, "anchors.jsonl")
        for model in ("coup.purchase", "coup.sale"):
            self.patch(self.registry[model], "_coup_anchor_path", lambda self: path)

    @classmethod
    def delivery(cls, membership=None, confirm=True, **line):
        membership = membership or cls.awa
        product = line.pop("product", cls.cashew if membership.company_id == cls.coop_ml
                           else cls.coffee)
        purchase = cls.env["coup.purchase"].create({
            "company_id": membership.company_id.id, "membership_id": membership.id,
            "date": "2026-03-10 09:00:00",
            "line_ids": [(0, 0, dict({"product_id": product.id, "grade": "A", "bags": 5,
                                      "gross_kg": 402.5, "tare_kg": 2.5, "moisture": 8},
                                     **line))]})
        if confirm:
            purchase.action_confirm()
        return purchase
