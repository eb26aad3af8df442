from . import (
    coup_certification,
    coup_dashboard,
    coup_member_segment,
    coup_membership,
    coup_parcel,
    coup_parcel_operation,
    product_template,
    res_company,
    res_partner,
)
