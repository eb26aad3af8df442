from . import member_parsing
from . import bulk_create
