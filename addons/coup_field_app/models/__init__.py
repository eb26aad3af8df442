from . import coup_field_capture
from . import coup_field_sync
from . import res_users
