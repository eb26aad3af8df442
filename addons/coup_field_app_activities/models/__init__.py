from . import coup_field_sync
from . import event_registration
