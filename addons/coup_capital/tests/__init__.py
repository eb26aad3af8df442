from . import test_shares
from . import test_attacks
from . import test_certificate_portal
from . import test_distribution
from . import test_demo
from . import test_import
