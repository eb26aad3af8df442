from . import res_company
from . import coup_share_instalment
