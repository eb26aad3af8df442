from . import coup_member_export
