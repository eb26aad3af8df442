from . import event_event
from . import coup_activity_invitation
from . import coup_sms_campaign
from . import coup_sms_inbound
