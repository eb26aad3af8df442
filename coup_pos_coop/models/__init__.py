from . import (
    coup_dashboard,
    coup_member_booklet,
    pos_config,
    pos_order,
    res_config_settings,
    res_partner,
)
