from . import (
    coup_dashboard,
    coup_membership,
    coup_price_list,
    coup_price_list_line,
    coup_price_premium,
    coup_purchase,
    coup_purchase_line,
    coup_trade_record,
    res_company,
)
