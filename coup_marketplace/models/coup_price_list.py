from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoupPriceList(models.Model):
    """A season's buying prices of a cooperative: a price per kg for each product and grade,
    the premiums paid per kg, and the quality rules that turn a weighed net weight into the
    weight paid (moisture above the standard and foreign matter are deducted)."""

    _name = "coup.price.list"
    _description = "Season Price List"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, help="e.g. Campagne cajou 2026")
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(string="Season Start", required=True)
    date_to = fields.Date(string="Season End", required=True)
    active = fields.Boolean(default=True)
    line_ids = fields.One2many("coup.price.list.line", "price_list_id", string="Prices",
                               copy=True)
    premium_ids = fields.One2many("coup.price.premium", "price_list_id", string="Premiums",
                                  copy=True)
    moisture_standard = fields.Float(
        string="Standard Moisture (%)", default=10.0,
        help="Moisture above this share is deducted from the weight paid.")
    moisture_max = fields.Float(
        string="Highest Moisture Accepted (%)", default=20.0,
        help="Produce wetter than this is refused: it must dry first.")
    foreign_matter_max = fields.Float(string="Most Foreign Matter Accepted (%)", default=10.0)

    @api.constrains("date_from", "date_to", "moisture_standard", "moisture_max")
    def _check_season(self):
        for price_list in self:
            if price_list.date_to < price_list.date_from:
                raise ValidationError(_("The season “%(name)s” ends before it starts.",
                                        name=price_list.name))
            if not 0 <= price_list.moisture_standard <= price_list.moisture_max <= 100:
                raise ValidationError(_(
                    "On “%(name)s”, moisture must go 0 ≤ standard (%(standard)s %%) ≤ highest "
                    "accepted (%(max)s %%) ≤ 100.", name=price_list.name,
                    standard=price_list.moisture_standard, max=price_list.moisture_max))

    @api.model
    def _coup_for(self, company, day):
        """The price list of ``company`` in force on ``day``."""
        return self.search([("company_id", "=", company.id), ("date_from", "<=", day),
                            ("date_to", ">=", day)], order="date_from desc", limit=1)

    def _coup_price(self, product, grade):
        """Price per kg of ``product`` at ``grade`` (a line without grade fits every grade)."""
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.product_id == product)
        line = lines.filtered(lambda line: (line.grade or "") == (grade or "")) or \
            lines.filtered(lambda line: not line.grade)
        return line[:1].price_kg if line else None
