from . import coup_activity_invite
from . import coup_activity_attendance_scan
