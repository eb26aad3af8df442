from . import gateway_clients
from . import sms_text
