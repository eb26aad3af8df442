from . import test_sync
from . import test_access
from . import test_translations
