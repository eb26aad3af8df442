from . import test_offer_sms
