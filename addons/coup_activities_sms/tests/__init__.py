from . import test_activities_by_sms
