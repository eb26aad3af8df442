from . import portal, verify
