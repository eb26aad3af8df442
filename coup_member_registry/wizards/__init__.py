from . import coup_member_export
from . import coup_chain_checkpoint_verify
