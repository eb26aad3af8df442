from . import test_collection_point
from . import test_concurrent_registration
from . import test_demo_collection_point
from . import test_concurrent_tickets
