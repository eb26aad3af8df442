#!/usr/bin/env python3
"""Benchmark of the cooperative map in a real browser: 20,000 parcels drawn.

    python3 tests/bench_fieldbook_map.py -c .coup/demo.conf -d coup_demo [--parcels 20000]

Needs coup_fieldbook on the database, Chromium and the playwright Python driver
(``pip install playwright``; it uses /usr/bin/chromium). It adds a cooperative with
``--parcels`` parcels (committed: use a throwaway database), starts Odoo on a free port, logs in
as admin (password ``admin``) and opens the Parcel Map; it prints the server's time to build the
GeoJSON, the time from opening the page to the parcels drawn, and the drawing itself (Leaflet,
one canvas). Target: the map opens in under 3 s.
"""
import argparse
import json
import math
import os
import random
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--parcels", type=int, default=20000)
    args = parser.parse_args()

    import odoo
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_common import bench_cooperative, odoo_in_browser, open_registry
    from bench_fieldbook import polygon
    registry = open_registry(args.config, args.database)

    rng = random.Random(7)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        members = max(1, args.parcels // 2)
        env, company, memberships = bench_cooperative(env, "map", members,
                                                       coup_member_prefix="MB-")
        env.ref("base.user_admin").write({"company_ids": [(4, company.id)],
                                          "company_id": company.id})
        side = math.ceil(math.sqrt(args.parcels))
        env["coup.parcel"].with_company(company).create([{
            "name": "Champ %d" % n, "company_id": company.id,
            "membership_id": memberships[n % members].id,
            "geometry": json.dumps(polygon(-6.2 + (n % side) * 0.004, 11.0 + (n // side) * 0.004,
                                           rng.uniform(0.5, 6.0), rng.randint(6, 12), rng))}
            for n in range(args.parcels)])
        cr.commit()
        start = time.perf_counter()
        data = env["coup.parcel"].coup_map_data([("company_id", "=", company.id)])
        print("server: %d parcels as GeoJSON in %.2f s (%.1f MB)"
              % (data.count('"type":"Feature"'), time.perf_counter() - start, len(data) / 1e6))
        action = env.ref("coup_fieldbook.coup_parcel_map_action").id

    with odoo_in_browser(args.config, args.database) as (page, base):
        # once to warm the assets, then timed
        for _attempt in ("warm", "timed"):
            start = time.perf_counter()
            page.goto(base + "/odoo/action-%s" % action)
            page.wait_for_selector(".o_coup_map_ready", timeout=120000)
            opened = time.perf_counter() - start
            drawn = page.eval_on_selector(".o_coup_map_ready", "el => el.dataset.drawMs")
        print("browser: the Parcel Map opens with the parcels drawn in %.2f s (drawing "
              "%s ms); target under 3 s" % (opened, drawn))


if __name__ == "__main__":
    main()
