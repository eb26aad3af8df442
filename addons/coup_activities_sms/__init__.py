from . import models


def post_init_hook(env):
    """Activities planned before SMS answers were installed get their reply code too."""
    env["event.event"].search([("coup_kind", "!=", False), ("coup_reply_code", "=", False)]) \
        ._coup_assign_reply_code()
