from . import test_shares
from . import test_attacks
