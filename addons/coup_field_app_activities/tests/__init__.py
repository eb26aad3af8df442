from . import test_field_activities
