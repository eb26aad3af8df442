#!/usr/bin/env python3
"""Benchmark of producers registered at a collection point, as a till sends them after an outage.

    python3 tests/bench_collection.py -c .coup/demo.conf -d coup_demo [--members 20000]
        [--registrations 500]

Needs coup_pos_marketplace with demo data (Odoo's demo shop is made a collection point). In a
database with ``--members`` more people, it sends ``--registrations`` registrations of new
producers, then the same producers registered again by another till (other references, the
phone written the local way), then the first batch once more. It prints the time per
registration and how many members each sending made (targets: 0 made by the second and third
sendings). Everything is rolled back.
"""
import argparse
import statistics
import sys
import time
import uuid

sys.path.insert(0, __import__("os").path.dirname(__file__))
from bench_common import bench_cooperative, open_registry  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=20000)
    parser.add_argument("--registrations", type=int, default=500)
    args = parser.parse_args()
    registry = open_registry(args.config, args.database)
    import odoo
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        start = time.perf_counter()
        bench_cooperative(env, "collection", args.members)
        print("set-up: %d people in %.1f s" % (args.members, time.perf_counter() - start))
        config = env.ref("point_of_sale.pos_config_main")
        config.company_id.country_id = env.ref("base.ml")
        config.coup_collection = True
        pos_user = env.ref("base.user_admin")
        Registration = env["coup.collection.registration"].with_user(pos_user)
        people = [{"name": "Producteur Bench %05d" % n, "phone": "+223 7%07d" % n,
                   "village": "Village %d" % (n % 40), "gender": "female"}
                  for n in range(args.registrations)]
        batches = {
            "new producers": [dict(p, ref=str(uuid.uuid4())) for p in people],
            "the same registered by another till": [
                dict(p, ref=str(uuid.uuid4()), phone=p["phone"][5:]) for p in people],
        }
        batches["the first batch sent again"] = batches["new producers"]
        Membership = env["coup.membership"].sudo()
        for label, batch in batches.items():
            before = Membership.search_count([("company_id", "=", config.company_id.id)])
            times = []
            for registration in batch:
                t0 = time.perf_counter()
                Registration.coup_pos_register_member(config.id, registration)
                times.append(time.perf_counter() - t0)
            env.flush_all()
            made = Membership.search_count([("company_id", "=", config.company_id.id)]) - before
            print("%s: %d registrations in %.1f s (median %.1f ms, worst %.1f ms), %d members "
                  "made" % (label, len(batch), sum(times), statistics.median(times) * 1000,
                            max(times) * 1000, made))
        cr.rollback()


if __name__ == "__main__":
    main()
