from . import coup_test_delivery
