from . import event_event
from . import event_mail
from . import event_registration
from . import coup_sms_campaign
from . import coup_sms_inbound
