from . import portal, statement, verify
