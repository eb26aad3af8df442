from . import test_member_import
from . import test_member_export
from . import test_membership
from . import test_security
from . import test_demo
from . import test_booklet
from . import test_portal
from . import test_dashboard
