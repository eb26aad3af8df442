from . import coup_member_booklet
