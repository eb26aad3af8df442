"""18.0.1.1.0: parcels carry their shape's fingerprint (duplicates), overlap notes are kept on
both parcels of a pair, and the EUDR pre-check refuses overlaps, duplicates and plots outside
the producer's country. Existing parcels get all three."""

from odoo import SUPERUSER_ID, api

from odoo.addons.coup_fieldbook.tools import geometry as geo


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    Parcel = env["coup.parcel"]
    parcels = Parcel.search([("geometry", "!=", False)])
    shapes, prints = {}, {}
    for parcel in parcels:
        try:
            normalized, shape = geo.normalize(parcel.geometry)
        except geo.GeometryError:
            continue
        prints.setdefault(geo.fingerprint(normalized), []).append(parcel.id)
        if parcel.active:
            shapes[parcel.id] = shape
    for fingerprint, ids in prints.items():
        Parcel.browse(ids).write({"geometry_fingerprint": fingerprint})
    Parcel.browse(list(shapes))._coup_flag_overlaps(shapes)
    # the pre-check's new refusals (overlaps, duplicates, country) on every parcel
    env.add_to_compute(Parcel._fields["eudr_ready"], Parcel.search([]))
    Parcel.flush_model(["eudr_ready", "eudr_issues"])
