#!/usr/bin/env python3
"""Benchmark of the field app's server side: preparing a village, then syncing what a day in
the field brings back. Besides the clock, each step prints this process's CPU time, a
figure a busy machine inflates far less (PostgreSQL's own time is not in it).

    python3 tests/bench_field_app.py -c .coup/demo.conf -d coup_demo [--members 2000]
        [--parcels 3000] [--captures 500] [--photos 200]

The database must have coup_field_app installed. Everything runs in one transaction that is
rolled back: a cooperative (Mali) whose ``--members`` members live in one village (inserted
with the registry's bulk_create) and hold ``--parcels`` parcels (polygons of 6 to 12 corners,
0.5 to 3 ha, made through the field book's ORM so they are measured and checked), a field
agent; then:

- **prepare** the village as the agent (what the phone downloads, basemap tiles aside):
  target under 10 s and 30 MB;
- **sync** ``--captures`` captures in batches of 50 as the app sends them: a fifth new members
  (the register's checks and person matcher), a fifth new parcels of those members (the
  field book's checks), the rest field operations on the village's parcels, ``--photos`` of
  them with a phone photo (1280 px JPEG); target under 60 s.
"""
import argparse
import base64
import io
import json
import math
import random
import time
import uuid


def phone_photo():
    """A JPEG as the app sends it: 1280 x 960, quality 70, with texture (not a flat colour
    that would compress to nothing)."""
    from PIL import Image
    image = Image.merge("RGB", [Image.linear_gradient("L").resize((1280, 960)),
                                Image.effect_noise((1280, 960), 12).convert("L"),
                                Image.linear_gradient("L").rotate(90).resize((1280, 960))])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return base64.b64encode(out.getvalue()).decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--parcels", type=int, default=3000)
    parser.add_argument("--captures", type=int, default=500)
    parser.add_argument("--photos", type=int, default=200)
    args = parser.parse_args()

    from bench_common import bench_cooperative, open_registry
    from bench_fieldbook import polygon

    import odoo
    registry = open_registry(args.config, args.database)
    rng = random.Random(2026)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        started = time.time()
        env, company, memberships = bench_cooperative(env, "field app", args.members,
                                                      coup_member_prefix="FA-")
        cr.execute("UPDATE res_partner SET village = 'Bench Village' WHERE id = ANY(%s)",
                   [memberships.partner_id.ids])
        env.invalidate_all()
        side = math.ceil(math.sqrt(args.parcels))
        step = 0.003  # ~330 m between centres: parcels up to 3 ha (radius ~100 m) fit
        env["coup.parcel"].create([{
            "name": "Champ %d" % n, "company_id": company.id,
            "membership_id": memberships[n % len(memberships)].id,
            "geometry": json.dumps(polygon(
                -5.9 + (n % side) * step, 11.1 + (n // side) * step, rng.uniform(0.5, 3.0),
                rng.randint(6, 12), rng))} for n in range(args.parcels)])
        login = "bench_field_agent_%s" % uuid.uuid4().hex[:6]
        agent = env["res.users"].create({
            "name": login, "login": login, "company_id": company.id,
            "company_ids": [odoo.fields.Command.set(company.ids)],
            "groups_id": [odoo.fields.Command.set(
                env.ref("coup_member_registry.group_coup_user").ids)]})
        env.flush_all()
        # the statistics autovacuum takes after a register's import: without them PostgreSQL
        # plans for the near-empty tables it last saw (here in the same transaction)
        cr.execute("ANALYZE res_partner, coup_membership, coup_parcel")
        print("setup: %d members, %d parcels in %.1f s" % (
            args.members, args.parcels, time.time() - started))

        agent_env = env(user=agent, context={"allowed_company_ids": [company.id]})
        Sync = agent_env["coup.field.sync"]
        agent_env.invalidate_all()
        started, cpu = time.time(), time.process_time()
        data = Sync._coup_field_prepare(["Bench Village"], [])
        prepare_s, prepare_cpu = time.time() - started, time.process_time() - cpu
        print("prepare: %d members, %d parcels, %d activities in %.2f s (CPU of this process "
              "%.2f s), %.2f MB (target < 10 s, < 30 MB)" % (
                  len(data["members"]), len(data["parcels"]), len(data["activities"]),
                  prepare_s, prepare_cpu, data["size_bytes"] / 1e6))

        photo = phone_photo()
        parcel_ids = [p["id"] for p in data["parcels"]]
        new_members = args.captures // 5
        new_parcels = args.captures // 5
        operations = args.captures - new_members - new_parcels
        captures, member_uuids = [], []
        for n in range(new_members):
            member_uuids.append(str(uuid.uuid4()))
            captures.append({"uuid": member_uuids[-1], "kind": "member", "payload": {
                "name": "Nouveau Membre %05d" % n, "gender": "F" if n % 2 else "M",
                "birth_date": "%02d/%02d/19%02d" % (1 + n % 28, 1 + n % 12, 50 + n % 50),
                "village": "Bench Village"}})
        for n in range(new_parcels):
            captures.append({"uuid": str(uuid.uuid4()), "kind": "parcel", "payload": {
                "member_uuid": member_uuids[n % len(member_uuids)], "name": "Champ neuf %d" % n,
                "geometry": polygon(-6.2 + (n % 20) * step, 11.0 + (n // 20) * step,
                                    rng.uniform(0.5, 3.0), rng.randint(6, 12), rng)}})
        for n in range(operations):
            captures.append({"uuid": str(uuid.uuid4()), "kind": "operation", "payload": {
                "parcel_id": parcel_ids[n % len(parcel_ids)],
                "kind": "harvest" if n % 3 == 0 else "weeding", "date": "2026-11-20",
                "quantity": 100 + n if n % 3 == 0 else 0,
                "photos": [photo] if n < args.photos else []}})
        started, cpu = time.time(), time.process_time()
        statuses, per_kind = {}, {}
        for index in range(0, len(captures), 50):
            batch = captures[index:index + 50]
            queries, clock = cr.sql_log_count, time.time()
            result = Sync._coup_field_sync(str(uuid.uuid4()), batch)
            kinds = {c["kind"] for c in batch}
            kind = kinds.pop() if len(kinds) == 1 else "mixed"
            figures = per_kind.setdefault(kind, [0, 0, 0.0])
            figures[0] += len(batch)
            figures[1] += cr.sql_log_count - queries
            figures[2] += time.time() - clock
            for item in result["results"]:
                statuses[item["status"]] = statuses.get(item["status"], 0) + 1
        sync_s, sync_cpu = time.time() - started, time.process_time() - cpu
        for kind, (count, queries, clock) in sorted(per_kind.items()):
            print("  %s: %d captures, %.1f queries and %.0f ms each" % (
                kind, count, queries / count, 1000 * clock / count))
        print("sync: %d captures (%d members, %d parcels, %d operations, %d photos of %d kB) "
              "in %.1f s (CPU of this process %.1f s; target < 60 s): %s" % (
                  len(captures), new_members, new_parcels, operations,
                  min(args.photos, operations), len(photo) * 3 // 4 // 1024, sync_s, sync_cpu,
                  ", ".join("%s %d" % item for item in sorted(statuses.items()))))
        cr.rollback()


if __name__ == "__main__":
    main()
