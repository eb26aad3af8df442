from . import sync
from . import app
