from . import test_instalment_sms
