from . import coup_purchase, stock_lot
