from . import res_company
from . import event_event
from . import coup_activity_invitation
from . import coup_activity_resolution
from . import coup_dashboard
from . import coup_member_segment
from . import coup_membership
