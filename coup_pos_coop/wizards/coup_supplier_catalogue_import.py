import base64
from collections import defaultdict

from markupsafe import Markup, escape

from odoo import _, fields, models
from odoo.exceptions import UserError

from odoo.addons.coup_member_registry.tools.member_parsing import normalize_text
from odoo.addons.coup_member_registry.tools.register_file import RegisterFileError, read_register

# Column titles suppliers use (normalized: lower case, no accents), in English, French, Spanish.
HEADERS = {
    "barcode": {"barcode", "ean", "ean13", "gtin", "code barre", "code barres", "codigo de barras",
                "cod barras"},
    "name": {"name", "product", "designation", "libelle", "article", "produit", "nombre",
             "producto", "descripcion"},
    "brand": {"brand", "marque", "marca"},
    "supplier_code": {"reference", "ref", "supplier reference", "ref fournisseur",
                      "reference fournisseur", "referencia", "code article", "sku"},
    "cost": {"cost", "purchase price", "prix achat", "prix d achat", "pa ht", "precio compra",
             "precio de compra", "costo", "coste"},
    "price": {"price", "sale price", "prix vente", "prix de vente", "pv ttc", "precio venta",
              "precio de venta", "precio"},
    "by_weight": {"by weight", "weighed", "au poids", "vrac", "a granel", "por peso"},
}
YES = {"1", "yes", "y", "x", "oui", "o", "si", "true", "vrai", "kg"}


def ean_is_valid(code):
    """EAN-8, UPC-A, EAN-13 or GTIN-14: digits only and the right check digit."""
    if not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    digits = [int(c) for c in code]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == digits[-1]


class CoupSupplierCatalogueImport(models.TransientModel):
    """A supplier's price list (spreadsheet) into the shop's catalogue: products found by
    barcode are updated, new ones created with their brand, the supplier's reference and cost.
    Every rejected row is reported; nothing is written unless all rows are valid, or the user
    chose to import the valid rows only."""

    _name = "coup.supplier.catalogue.import"
    _description = "Supplier Catalogue Import"

    supplier_id = fields.Many2one("res.partner", string="Supplier", required=True)
    company_id = fields.Many2one("res.company", string="Shop", required=True,
                                 default=lambda self: self.env.company)
    file = fields.Binary(string="Catalogue", required=True)
    filename = fields.Char()
    skip_invalid = fields.Boolean(
        string="Import the Valid Rows Only",
        help="Leave the rejected rows out (they are listed) instead of importing nothing.")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    report_html = fields.Html(string="Report", readonly=True, sanitize=False)
    created_count = fields.Integer(readonly=True)
    updated_count = fields.Integer(readonly=True)
    price_changed_count = fields.Integer(readonly=True)
    rejected_count = fields.Integer(readonly=True)

    def _rows(self):
        try:
            rows = read_register(base64.b64decode(self.file or b""), self.filename)
        except RegisterFileError:
            raise UserError(_("The file %s is not a spreadsheet we can read: upload an Excel "
                              "workbook (.xlsx) or a CSV file.", self.filename or "")) from None
        header = [normalize_text(cell) for cell in rows[0]]
        columns = {}
        for index, title in enumerate(header):
            for key, names in HEADERS.items():
                if title in names and key not in columns:
                    columns[key] = index
        missing = [key for key in ("barcode", "name", "price") if key not in columns]
        if missing:
            labels = {"barcode": _("barcode"), "name": _("name"), "price": _("sale price")}
            raise UserError(_("The catalogue has no %(columns)s column (first row: %(header)s).",
                              columns=", ".join(labels[key] for key in missing),
                              header=", ".join(str(c) for c in rows[0] if c not in (None, ""))))
        return rows[1:], columns

    @staticmethod
    def _number(value):
        if value in (None, ""):
            return None
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        return float(text)

    def _parse(self, rows, columns):
        """Rows as values, and the rejected ones as (row number, reason)."""
        parsed, rejected, seen = [], [], {}
        for offset, row in enumerate(rows):
            number = offset + 2

            def cell(key, row=row):
                index = columns.get(key)
                value = row[index] if index is not None and index < len(row) else None
                return value.strip() if isinstance(value, str) else value
            if all(value in (None, "") for value in row):
                continue
            barcode = cell("barcode")
            barcode = str(int(barcode)) if isinstance(barcode, float) else str(barcode or "")
            name = str(cell("name") or "")
            problem = None
            try:
                price, cost = self._number(cell("price")), self._number(cell("cost"))
            except ValueError:
                price = cost = None
                problem = _("a price is not a number (%(price)s, %(cost)s)",
                            price=cell("price"), cost=cell("cost"))
            if problem:
                pass
            elif not barcode:
                problem = _("no barcode")
            elif not ean_is_valid(barcode):
                problem = _("the barcode %s is not a valid EAN (length or check digit)", barcode)
            elif barcode in seen:
                problem = _("the barcode %(barcode)s is already on row %(row)s",
                            barcode=barcode, row=seen[barcode])
            elif not name:
                problem = _("no product name")
            elif price is None or price <= 0:
                problem = _("the sale price must be above zero (%s)", cell("price"))
            elif cost is not None and cost < 0:
                problem = _("the cost cannot be negative (%s)", cost)
            if problem:
                rejected.append((number, barcode or name, problem))
                continue
            seen[barcode] = number
            parsed.append({
                "row": number, "barcode": barcode, "name": name, "price": price, "cost": cost,
                "brand": str(cell("brand") or "").strip(),
                "supplier_code": str(cell("supplier_code") or "").strip(),
                "by_weight": normalize_text(cell("by_weight")) in YES,
            })
        return parsed, rejected

    def action_import(self):
        self.ensure_one()
        rows, columns = self._rows()
        parsed, rejected = self._parse(rows, columns)
        if rejected and not self.skip_invalid:
            self.write({"rejected_count": len(rejected),
                        "report_html": self._report(rejected, error=True)})
            raise UserError(_(
                "%(count)s rows of %(file)s were rejected, nothing was imported:\n%(rows)s\n"
                "Correct them, or tick \"Import the Valid Rows Only\".",
                count=len(rejected), file=self.filename or _("the catalogue"),
                rows="\n".join(self.env._("Row %(row)s (%(what)s): %(why)s", row=row, what=what,
                                             why=why)
                               for row, what, why in rejected[:20])))
        counts = self._write_catalogue(parsed)
        self.write(dict(counts, state="done", rejected_count=len(rejected),
                        report_html=self._report(rejected)))
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new"}

    def _report(self, rejected, error=False):
        if not rejected:
            return False
        lines = Markup("").join(
            Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>") % (row, what, why)
            for row, what, why in rejected)
        title = _("Rejected rows: nothing was imported") if error else _("Rejected rows")
        return Markup("<h5>%s</h5><table class='table table-sm'><thead><tr><th>%s</th><th>%s"
                      "</th><th>%s</th></tr></thead><tbody>%s</tbody></table>") % (
            escape(title), _("Row"), _("Barcode or Name"), _("Why"), lines)

    def _write_catalogue(self, parsed):
        """Set-based: one search per kind of record, one create per kind, one write per
        distinct new price."""
        Template = self.env["product.template"].with_company(self.company_id)
        Product = self.env["product.product"].with_context(active_test=False)
        Brand = self.env["product.brand"]
        existing = {p.barcode: p for p in Product.search(
            [("barcode", "in", [r["barcode"] for r in parsed]),
             ("company_id", "in", [False, self.company_id.id])])}
        # brands are matched whatever their case; a new one is named as first written
        brands = {b.name.lower(): b for b in Brand.search_fetch([], ["name"])}
        new_brands = {}
        for r in parsed:
            if r["brand"] and r["brand"].lower() not in brands:
                new_brands.setdefault(r["brand"].lower(), r["brand"])
        for brand in Brand.create([{"name": name} for name in new_brands.values()]):
            brands[brand.name.lower()] = brand
        kg = self.env.ref("uom.product_uom_kgm")
        new_rows = [r for r in parsed if r["barcode"] not in existing]
        templates = Template.create([{
            "name": r["name"], "barcode": r["barcode"], "list_price": r["price"],
            "standard_price": r["cost"] or 0.0, "available_in_pos": True, "is_storable": True,
            "company_id": self.company_id.id,
            "product_brand_id": brands[r["brand"].lower()].id if r["brand"] else False,
            **({"to_weight": True, "uom_id": kg.id, "uom_po_id": kg.id}
               if r["by_weight"] else {}),
        } for r in new_rows])
        template_of = dict(zip([r["barcode"] for r in new_rows], templates))
        by_price = defaultdict(lambda: self.env["product.template"])
        by_brand = defaultdict(lambda: self.env["product.template"])
        price_changed = 0
        for r in parsed:
            product = existing.get(r["barcode"])
            if product:
                template = product.product_tmpl_id
                template_of[r["barcode"]] = template
                if template.list_price != r["price"]:
                    by_price[r["price"]] |= template
                    price_changed += 1
                if r["brand"] and not template.product_brand_id:
                    by_brand[brands[r["brand"].lower()]] |= template
        for price, changed in by_price.items():
            changed.write({"list_price": price})
        for brand, unbranded in by_brand.items():
            unbranded.write({"product_brand_id": brand.id})
        Supplierinfo = self.env["product.supplierinfo"]
        infos = {(i.product_tmpl_id.id): i for i in Supplierinfo.search(
            [("partner_id", "=", self.supplier_id.id),
             ("product_tmpl_id", "in", [t.id for t in template_of.values()])])}
        to_create = []
        for r in parsed:
            template = template_of[r["barcode"]]
            vals = {"price": r["cost"] or 0.0, "product_code": r["supplier_code"] or False}
            info = infos.get(template.id)
            if not info:
                to_create.append(dict(vals, partner_id=self.supplier_id.id,
                                      product_tmpl_id=template.id,
                                      company_id=self.company_id.id))
            elif (info.price, info.product_code or False) != (vals["price"],
                                                               vals["product_code"]):
                info.write(vals)
        Supplierinfo.create(to_create)
        return {"created_count": len(new_rows), "updated_count": len(parsed) - len(new_rows),
                "price_changed_count": price_changed}
