from . import coup_test_delivery
from . import coup_member_booklet
