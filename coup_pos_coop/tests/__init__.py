from . import test_member_till
from . import test_weighed_goods
