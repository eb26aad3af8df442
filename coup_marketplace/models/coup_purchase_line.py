from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoupPurchaseLine(models.Model):
    """One product of a delivery: bags weighed, tare, quality, and what is paid for it.

    Net weight is gross less tare; the weight paid is the net weight less the moisture above
    the season's standard and the foreign matter, each as a share of the net weight."""

    _name = "coup.purchase.line"
    _inherit = ["coup.trade.record.line"]
    _description = "Produce Delivery Line"
    _coup_record_field = "purchase_id"
    _coup_system_fields = {"lot_id", "reversed_line_id"}
    _coup_protected_columns = (
        "product_id", "grade", "bags", "gross_kg", "tare_kg", "net_kg", "moisture",
        "moisture_standard", "foreign_matter", "deduction_kg", "payable_kg", "price_kg",
        "premium_kg", "amount", "reversed_line_id")
    _coup_set_once_columns = ("lot_id",)
    _order = "purchase_id, sequence, id"

    purchase_id = fields.Many2one("coup.purchase", required=True, ondelete="cascade",
                                  index=True)
    sequence = fields.Integer(default=1)
    company_id = fields.Many2one(related="purchase_id.company_id", store=True)
    # what the volumes are read by: member, village, season, date
    membership_id = fields.Many2one(related="purchase_id.membership_id", store=True,
                                    index=True)
    village = fields.Char(related="purchase_id.partner_id.village", store=True)
    price_list_id = fields.Many2one(related="purchase_id.price_list_id", store=True,
                                    string="Season")
    date = fields.Datetime(related="purchase_id.date", store=True)
    state = fields.Selection(related="purchase_id.state", store=True)
    currency_id = fields.Many2one(related="purchase_id.currency_id")
    product_id = fields.Many2one("product.product", string="Product", required=True,
                                 ondelete="restrict")
    grade = fields.Char()
    bags = fields.Integer()
    gross_kg = fields.Float(string="Gross (kg)", digits=(16, 2), required=True)
    tare_kg = fields.Float(string="Tare (kg)", digits=(16, 2),
                           help="Weight of the empty bags.")
    net_kg = fields.Float(string="Net (kg)", compute="_compute_weights", store=True,
                          digits=(16, 2))
    moisture = fields.Float(string="Moisture (%)", digits=(5, 2))
    moisture_standard = fields.Float(
        string="Standard Moisture (%)", digits=(5, 2),
        help="The season's standard when the delivery was recorded: kept on the line, so that "
             "a later change of the season's rules never alters a confirmed delivery.")
    foreign_matter = fields.Float(string="Foreign Matter (%)", digits=(5, 2))
    deduction_kg = fields.Float(string="Deducted (kg)", compute="_compute_weights", store=True,
                                digits=(16, 2))
    payable_kg = fields.Float(string="Paid Weight (kg)", compute="_compute_weights",
                              store=True, digits=(16, 2))
    price_kg = fields.Monetary(string="Price per kg",
                               help="From the season's price list when left empty.")
    premium_kg = fields.Monetary(string="Premiums per kg",
                                 help="The premiums chosen, summed when the line is saved.")
    premium_ids = fields.Many2many("coup.price.premium", string="Premiums")
    amount = fields.Monetary(compute="_compute_amount", store=True)
    lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True, copy=False)
    reversed_line_id = fields.Many2one("coup.purchase.line", readonly=True, copy=False)

    @api.depends("gross_kg", "tare_kg", "moisture", "foreign_matter", "moisture_standard")
    def _compute_weights(self):
        for line in self:
            net = line.gross_kg - line.tare_kg
            standard = line.moisture_standard
            share = max(0.0, line.moisture - standard) + max(0.0, line.foreign_matter)
            deduction = round(net * share / 100.0, 2)
            line.net_kg = net
            line.deduction_kg = deduction
            line.payable_kg = net - deduction

    @api.onchange("premium_ids")
    def _onchange_premium_ids(self):
        self.premium_kg = sum(self.premium_ids.mapped("amount_kg"))

    @api.depends("payable_kg", "price_kg", "premium_kg")
    def _compute_amount(self):
        for line in self:
            line.amount = line.currency_id.round(line.payable_kg * (line.price_kg
                                                                    + line.premium_kg)) \
                if line.currency_id else line.payable_kg * (line.price_kg + line.premium_kg)

    @api.onchange("product_id", "grade")
    def _onchange_price(self):
        price = self._coup_season_price()
        if price:
            self.price_kg = price
        self.moisture_standard = self.purchase_id.price_list_id.moisture_standard

    def _coup_fill_from_season(self):
        """Draft lines take the season's price, standard moisture and premiums they lack."""
        for line in self:
            values = {}
            price_list = line.purchase_id.price_list_id
            if not line.price_kg and price_list:
                values["price_kg"] = line._coup_season_price() or 0.0
            if not line.moisture_standard and price_list:
                values["moisture_standard"] = price_list.moisture_standard
            if line.premium_ids and not line.premium_kg:
                values["premium_kg"] = sum(line.premium_ids.mapped("amount_kg"))
            if values:
                line.write(values)

    def _coup_season_price(self):
        self.ensure_one()
        price_list = self.purchase_id.price_list_id
        return price_list._coup_price(self.product_id, self.grade) if price_list else None

    def _coup_check_quality(self):
        """What a collector may get wrong, each refused with the value named."""
        for line in self:
            product = line.product_id.display_name
            price_list = line.purchase_id.price_list_id
            if line.gross_kg <= 0:
                raise ValidationError(_("%(product)s: the gross weight must be above zero "
                                        "(%(value)s kg).", product=product,
                                        value=line.gross_kg))
            if line.tare_kg < 0 or line.tare_kg >= line.gross_kg:
                raise ValidationError(_(
                    "%(product)s: the tare (%(tare)s kg) must be less than the gross weight "
                    "(%(gross)s kg).", product=product, tare=line.tare_kg,
                    gross=line.gross_kg))
            if not 0 <= line.moisture <= price_list.moisture_max:
                raise ValidationError(_(
                    "%(product)s: moisture %(value)s %% is out of range: from 0 to "
                    "%(max)s %% in the season “%(season)s”.", product=product,
                    value=line.moisture, max=price_list.moisture_max,
                    season=price_list.name))
            if not 0 <= line.foreign_matter <= price_list.foreign_matter_max:
                raise ValidationError(_(
                    "%(product)s: foreign matter %(value)s %% is out of range: from 0 to "
                    "%(max)s %%.", product=product, value=line.foreign_matter,
                    max=price_list.foreign_matter_max))
            if not line.price_kg and not price_list._coup_price(line.product_id, line.grade):
                raise ValidationError(_(
                    "No price for %(product)s, grade “%(grade)s”, in the season "
                    "“%(season)s”.", product=product, grade=line.grade or "-",
                    season=price_list.name))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(lambda l: not l.reversed_line_id)._coup_fill_from_season()
        return lines
