from odoo import api, fields, models


class ProductTemplate(models.Model):
    """A shelf price that changed needs a new price tag: the product remembers it until the
    tags are printed."""

    _inherit = "product.template"

    coup_price_tag_pending = fields.Boolean(
        string="Price Tag to Print", copy=False, index=True,
        help="The sale price changed since the last price tag was printed.")
    coup_price_changed_on = fields.Date(string="Price Changed On", copy=False, readonly=True)

    def write(self, vals):
        if "list_price" in vals and "coup_price_tag_pending" not in vals:
            changed = self.filtered(lambda t: t.list_price != vals["list_price"])
            result = super().write(vals)
            if changed:
                super(ProductTemplate, changed).write({
                    "coup_price_tag_pending": True,
                    "coup_price_changed_on": fields.Date.context_today(self)})
            return result
        return super().write(vals)

    def action_coup_price_tags_printed(self):
        self.write({"coup_price_tag_pending": False})

    @api.model
    def _coup_demo_grocery_catalogue(self, company_id, products=3000, suppliers=59, brands=400,
                                     first_barcode=10000):
        """Demo: a participative grocery's catalogue, generated (products with valid EAN-13
        barcodes, their brands and suppliers), to try the till at a real shop's scale."""
        self = self.with_context(tracking_disable=True, mail_create_nolog=True)
        company = self.env["res.company"].browse(company_id)
        goods = ["Farine", "Riz", "Pâtes", "Lentilles", "Pois chiches", "Huile d'olive",
                 "Café", "Thé vert", "Chocolat noir", "Savon", "Confiture", "Miel", "Yaourt",
                 "Fromage", "Jus de pomme", "Bière", "Vin rouge", "Lessive", "Flocons d'avoine",
                 "Biscuits", "Sucre de canne", "Sel", "Vinaigre", "Moutarde", "Tomates pelées",
                 "Haricots", "Quinoa", "Noix", "Amandes", "Dentifrice"]
        kinds = ["bio", "complet", "nature", "local", "équitable", "vrac", "familial", "léger"]
        sizes = ["250 g", "500 g", "1 kg", "75 cl", "1 l", "6 x 33 cl", "200 g", "400 g"]
        first = ["Terra", "Moulin", "Ferme", "Jardin", "Val", "Pré", "Clos", "Soleil", "Abbaye",
                 "Ruche", "Source", "Grange", "Bois", "Colline", "Marais", "Verger", "Cellier",
                 "Atelier", "Maison", "Côte"]
        second = ["d'Or", "Vert", "Bleu", "des Fées", "du Nord", "de Mons", "Sauvage", "Joyeux",
                  "de Liège", "Doux", "Fier", "Libre", "des Prés", "du Lac", "Ancien", "Rond",
                  "Blanc", "de Namur", "Rouge", "Fidèle"]
        brand_records = self.env["product.brand"].create([
            {"name": f"{first[i % 20]} {second[i // 20 % 20]}"} for i in range(brands)])
        supplier_records = self.env["res.partner"].create([
            {"name": f"Fournisseur {i + 1:02d} ({first[i % 20]})", "is_company": True,
             "company_id": company.id, "supplier_rank": 1} for i in range(suppliers)])
        kg = self.env.ref("uom.product_uom_kgm")

        def ean13(n):
            code = f"54{n:010d}"
            total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(code))
            return code + str((10 - total % 10) % 10)
        vals_list = []
        for i in range(products):
            by_weight = i % 20 == 0
            vals_list.append({
                "name": f"{goods[i % 30]} {kinds[i // 30 % 8]}"
                        + ("" if by_weight else f" {sizes[i // 240 % 8]}") + f" #{i + 1}",
                "barcode": ean13(first_barcode + i), "list_price": round(1 + (i * 37 % 1500) / 100, 2),
                "standard_price": round(0.6 + (i * 37 % 1500) / 160, 2),
                "available_in_pos": True, "is_storable": True, "company_id": company.id,
                "product_brand_id": brand_records[i % brands].id,
                "seller_ids": [(0, 0, {"partner_id": supplier_records[i % suppliers].id,
                                       "price": round(0.6 + (i * 37 % 1500) / 160, 2),
                                       "product_code": f"F{i + 1:05d}",
                                       "company_id": company.id})],
                **({"to_weight": True, "uom_id": kg.id, "uom_po_id": kg.id}
                   if by_weight else {}),
            })
        self.with_company(company).create(vals_list)
