from . import test_field_activities
from . import test_field_app_scan_tour
