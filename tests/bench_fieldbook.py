#!/usr/bin/env python3
"""Benchmark of the field book: a 20,000-parcel GeoJSON import, the EUDR export with its
pre-check, and the data of the cooperative map.

    python3 tests/bench_fieldbook.py -c .coup/demo.conf -d coup_demo [--parcels 20000]

The database must have coup_fieldbook installed. Everything runs in one transaction that is
rolled back: a cooperative with one member per 2 parcels (inserted with the registry's
bulk_create), a FeatureCollection of ``--parcels`` irregular polygons of 6 to 12 corners, 0.5 to
6 ha, laid out on a grid around Kléla (a few of them overlapping their neighbour), then:
the import wizard (check and import, overlaps, duplicates, country and EUDR pre-check
included), the same file imported again (all recognised, nothing created), the EUDR export of
all the parcels with its companion report, and the GeoJSON the cooperative map loads (the server side: the browser
then draws it on one canvas). Targets: under 60 s, 20 s and 3 s.

Each figure is the time on the clock; the import and the export also print the CPU time of
this Python process, which a busy machine inflates far less (PostgreSQL's own time is not in
it).
"""
import argparse
import base64
import json
import math
import random
import time


def polygon(lon, lat, hectares, corners, rng):
    """An irregular, valid polygon of about ``hectares`` around (lon, lat)."""
    radius_m = math.sqrt(hectares * 10000 / math.pi)
    ring = []
    for index in range(corners):
        angle = 2 * math.pi * index / corners
        r = radius_m * rng.uniform(0.8, 1.1)
        dlat = r * math.sin(angle) / 110574.0
        dlon = r * math.cos(angle) / (111320.0 * math.cos(math.radians(lat)))
        ring.append([round(lon + dlon, 7), round(lat + dlat, 7)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--parcels", type=int, default=20000)
    args = parser.parse_args()

    from bench_common import bench_cooperative, open_registry

    import odoo
    registry = open_registry(args.config, args.database)

    rng = random.Random(2026)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        members = max(1, args.parcels // 2)
        env, company, memberships = bench_cooperative(env, "fieldbook", members,
                                                       coup_member_prefix="BF-")
        company.partner_id.write({"partner_latitude": 11.3, "partner_longitude": -5.7})
        numbers = memberships.mapped("member_number")
        env["product.template"].create({"name": "Cajou (bench)", "coup_is_crop": True})
        side = math.ceil(math.sqrt(args.parcels))
        step = 0.004  # ~440 m between centres: parcels up to 6 ha (radius ~140 m) fit
        features = []
        for index in range(args.parcels):
            row, col = divmod(index, side)
            lon, lat = -6.2 + col * step, 11.0 + row * step
            if index % 50 == 49:  # one in fifty overlaps its western neighbour
                lon -= step * 0.7
            features.append({"type": "Feature",
                             "geometry": polygon(lon, lat, rng.uniform(0.5, 6.0),
                                                 rng.randint(6, 12), rng),
                             "properties": {"member": numbers[index % members],
                                            "name": "Champ %d" % index,
                                            "crop": "Cajou (bench)"}})
        data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
        print("file: %d parcels, %.1f MB" % (args.parcels, len(data) / 1e6))

        wizard = env["coup.parcel.import"].create({
            "company_id": company.id, "filename": "bench.geojson",
            "file": base64.b64encode(data)})
        start, cpu = time.perf_counter(), time.process_time()
        wizard.action_check()
        checked = time.perf_counter() - start
        start = time.perf_counter()
        wizard.action_import()
        env.flush_all()
        imported = time.perf_counter() - start
        imported_cpu = time.process_time() - cpu
        parcels = env["coup.parcel"].search([("company_id", "=", company.id)])
        flagged = len(parcels.filtered("overlap_note"))
        print("import: check %.1f s, import %.1f s (check included again), %d parcels, "
              "%d flagged as overlapping; target under 60 s (Python's CPU for both: %.1f s)"
              % (checked, imported, len(parcels), flagged, imported_cpu))

        # the same file again: every parcel recognised by its code or shape, nothing created
        again = env["coup.parcel.import"].create({
            "company_id": company.id, "filename": "bench.geojson",
            "file": base64.b64encode(data)})
        start = time.perf_counter()
        again.action_import()
        env.flush_all()
        reimported = time.perf_counter() - start
        print("re-import of the same file: %.1f s, %d already in the field book, %d parcels "
              "now" % (reimported, again.known_count,
                       env["coup.parcel"].search_count([("company_id", "=", company.id)])))

        start, cpu = time.perf_counter(), time.process_time()
        # overlapping parcels are refused by the pre-check: the ready ones are exported and
        # the companion report names the others
        export = env["coup.parcel.eudr.export"].create({"parcel_ids": parcels.ids,
                                                       "skip_not_ready": True})
        export.action_check()
        export.action_export()
        exported, exported_cpu = time.perf_counter() - start, time.process_time() - cpu
        print("EUDR export with pre-check: %.1f s, %d file(s), %.1f MB, %d refused; "
              "target under 20 s (Python's CPU: %.1f s)"
              % (exported, export.file_count, len(base64.b64decode(export.file)) / 1e6,
                 export.refused_count, exported_cpu))

        env.invalidate_all()
        start = time.perf_counter()
        text = env["coup.parcel"].coup_map_data([("company_id", "=", company.id)])
        mapped = time.perf_counter() - start
        print("cooperative map data: %.2f s, %d features, %.1f MB of GeoJSON; target under "
              "3 s with the drawing" % (mapped, text.count('"type":"Feature"'),
                                        len(text) / 1e6))
        cr.rollback()


if __name__ == "__main__":
    main()
