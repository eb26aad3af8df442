from . import test_gateway_sending
from . import test_campaign
from . import test_webhooks
from . import test_hooks
from . import test_translations
from . import test_checkpoint_witnesses
