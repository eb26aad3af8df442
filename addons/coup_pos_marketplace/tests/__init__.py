from . import test_collection_point
from . import test_concurrent_registration
