from . import member_parsing
