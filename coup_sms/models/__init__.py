from . import coup_sms_gateway
from . import sms_sms
from . import coup_sms_delivery_report
from . import coup_sms_campaign_message
from . import coup_sms_campaign
from . import coup_sms_inbound
from . import coup_member_booklet
from . import coup_dashboard
