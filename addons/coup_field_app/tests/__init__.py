from . import test_field_app_tours
