from . import (
    coup_parcel_eudr_export,
    coup_parcel_eudr_issue,
    coup_parcel_import,
    coup_parcel_import_line,
)
