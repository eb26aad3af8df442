from . import test_member_till
from . import test_weighed_goods
from . import test_volunteer_cashiers
from . import test_catalogue
from . import test_offline_tickets
from . import test_till_timing
from . import test_demo_shop
from . import test_till_loading
