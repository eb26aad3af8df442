from . import test_booklet_hook
