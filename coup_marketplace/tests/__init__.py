from . import test_demo, test_integrity, test_portal, test_purchase, test_sale, test_security, test_attacks
from . import test_translations
