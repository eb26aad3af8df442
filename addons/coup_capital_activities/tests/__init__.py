from . import test_resolutions
