from . import (
    test_basemap,
    test_demo,
    test_eudr_export,
    test_map_tour,
    test_parcel,
    test_parcel_import,
    test_portal,
    test_reports,
    test_security,
)
