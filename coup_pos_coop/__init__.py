from . import models
from . import report
from . import wizards


def uninstall_hook(env):
    """The till's shared product rows (``coup_pos_row_cache``, a plain table created by
    ``product.product.init``, not a model) go with the module."""
    env.cr.execute("DROP TABLE IF EXISTS coup_pos_row_cache")
