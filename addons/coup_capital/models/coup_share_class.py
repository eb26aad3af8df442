from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoupShareClass(models.Model):
    """A class of shares of one cooperative, as its statutes define it: the nominal value in
    the cooperative's currency, and how many a member holds at least and at most (the
    statutes may set other bounds for affiliated members of a household)."""

    _name = "coup.share.class"
    _description = "Share Class"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", string="Cooperative", required=True,
                                 index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    nominal_value = fields.Monetary(required=True)
    min_per_member = fields.Integer(string="Minimum per Member", default=1)
    max_per_member = fields.Integer(
        string="Maximum per Member", default=0,
        help="0: no maximum. OHADA's AUSCOOP leaves it to the statutes; Colombia's Ley 79 de "
             "1988 (art. 50) caps a member's aportes at 10 % of the social capital.")
    min_affiliated = fields.Integer(string="Minimum per Affiliated Member", default=1)
    max_affiliated = fields.Integer(string="Maximum per Affiliated Member", default=0,
                                    help="0: no maximum.")
    allow_affiliated = fields.Boolean(
        string="Affiliated Members May Hold", default=True,
        help="Whether the affiliated members of a household may hold shares of this class.")
    instalment_count = fields.Integer(
        string="Instalments by Default", default=1,
        help="How many instalments a subscription is paid in unless set otherwise.")
    instalment_months = fields.Integer(string="Months Between Instalments", default=3)
    holding_months = fields.Integer(
        string="Minimum Holding (Months)", default=0,
        help="How long a member holds a share before it can be redeemed, from the statutes "
             "(0: no minimum). The shares held longest are redeemed first.")
    redemption_value = fields.Selection(
        [("nominal", "Paid Nominal Value"), ("book", "Paid Nominal, Capped by Book Value")],
        string="Redemption Value", default="nominal", required=True,
        help="What a member gets back per share: what they paid on it, or no more than the "
             "share's book value (the last approved balance sheet's equity per share) when "
             "the statutes say so.")
    book_value = fields.Monetary(
        string="Book Value per Share",
        help="Equity per share in the last balance sheet approved by the general assembly.")
    book_value_date = fields.Date(string="Balance Sheet Of")

    _sql_constraints = [
        ("nominal_positive", "CHECK(nominal_value > 0)", "A share's nominal value is positive."),
    ]

    @api.constrains("min_per_member", "max_per_member", "min_affiliated", "max_affiliated",
                    "instalment_count", "holding_months", "book_value")
    def _check_bounds(self):
        for share_class in self:
            for low, high in ((share_class.min_per_member, share_class.max_per_member),
                              (share_class.min_affiliated, share_class.max_affiliated)):
                if low < 0 or high < 0 or (high and low > high):
                    raise ValidationError(_(
                        "%(cls)s: the minimum (%(low)s) must be positive and not above the "
                        "maximum (%(high)s).", cls=share_class.name, low=low, high=high))
            if share_class.holding_months < 0 or share_class.book_value < 0:
                raise ValidationError(_(
                    "%(cls)s: a holding period and a book value are not negative.",
                    cls=share_class.name))
            if share_class.instalment_count < 1:
                raise ValidationError(_("%(cls)s: at least one instalment.",
                                        cls=share_class.name))

    def _coup_bounds(self, membership):
        """(minimum, maximum) a member holds of this class; maximum 0 for none."""
        self.ensure_one()
        if membership.membership_type == "affiliated":
            return self.min_affiliated, self.max_affiliated
        return self.min_per_member, self.max_per_member
