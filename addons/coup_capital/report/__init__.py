from . import coup_member_booklet
from . import coup_share_register_report
