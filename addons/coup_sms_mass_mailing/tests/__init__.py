from . import test_mailing_sms_test
