from . import test_gateway_sending
