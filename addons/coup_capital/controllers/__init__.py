from . import verify
from . import register
from . import portal
