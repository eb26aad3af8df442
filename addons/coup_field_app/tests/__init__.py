from . import test_sync
from . import test_access
from . import test_translations
from . import test_field_app_tours
