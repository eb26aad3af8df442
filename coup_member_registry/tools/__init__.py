from . import member_parsing
from . import person_match
from . import phone
from . import bulk_create
from . import federation_upgrade
