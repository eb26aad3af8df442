from . import test_traceability
