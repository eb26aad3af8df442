from . import (
    coup_dashboard,
    coup_work_group,
    hr_employee,
    hr_employee_public,
    pos_config,
    pos_order,
    pos_session,
    product_product,
    product_template,
    res_config_settings,
    res_partner,
)
