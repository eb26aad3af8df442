from . import res_company
from . import res_partner
from . import coup_membership
from . import coup_member_segment
from . import coup_member_import_column
from . import coup_member_import
from . import coup_dashboard
from . import res_config_settings
