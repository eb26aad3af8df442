from odoo import models
from odoo.tools import sql


class StockLot(models.Model):
    _inherit = "stock.lot"

    def init(self):
        """A plain index on a lot's name and product, beside Odoo's trigram one.

        Every delivery line makes a lot, and Odoo checks each new lot's name against the
        product's others (``_check_unique_lot``: ``name IN (…)``) with only the trigram index
        on ``name`` to find them. Names such as ``ACH/058206-1`` share their trigrams with
        every other delivery's lot, so that check read the whole index: 360 ms for a till's
        batch of 50 tickets at 115,000 lots, growing with the season, while the batch held
        the cooperative's numbering. The trigram index stays for searching a lot by part of
        its name."""
        sql.create_index(self.env.cr, "stock_lot_coup_name_product_index", self._table,
                         ["name", "product_id"])
