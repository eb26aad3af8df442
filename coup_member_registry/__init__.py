from . import controllers
from . import models
from . import report
from . import tools
from . import wizards


def uninstall_hook(env):
    """Drop what the ORM does not know about: the background imports' progress table
    (``coup.member.import``'s ``init``), so that nothing of the registry stays behind."""
    env.cr.execute("DROP TABLE IF EXISTS coup_member_import_progress")
