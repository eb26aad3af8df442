from . import res_company
from . import coup_capital_resolution_mixin
from . import coup_surplus_distribution
from . import coup_share_redemption
