from . import member_parsing
from . import bulk_create
from . import federation_upgrade
