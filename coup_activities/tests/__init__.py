from . import test_invitation
from . import test_event_registration
from . import test_governance
from . import test_committees_documents
from . import test_security
from . import test_portal
from . import test_translations
from . import test_demo
