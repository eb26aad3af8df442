from . import res_company
from . import coup_share_class
from . import coup_share_movement
from . import coup_share_subscription
from . import coup_share_instalment
from . import coup_share_transfer
from . import coup_share_redemption
from . import coup_membership
