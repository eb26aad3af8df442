from . import test_member_till
