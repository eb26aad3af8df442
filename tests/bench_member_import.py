#!/usr/bin/env python3
"""Benchmark: import a generated member register, beside Odoo's standard contact import.

    python3 tests/bench_member_import.py -c ODOO_CONF -d DATABASE [--rows 50000] [--messy]

The database must have coup_member_registry installed. Rows are shaped like
../shared/data/registre_membres_klela.xlsx (a title row, French headers, households, phones
with and without country code, Excel dates). Each import runs in its own process, so peak
memory is its own, and is rolled back: the database is left as it was. Prints rows/s and
peak memory (RSS) of each, and the ratio. With --messy, it also imports twice a generated
messy Malian register (5,676 rows) and a Colombian one (1,968 rows), shaped like those of
issue 7 (see coup_member_registry/tests/messy_register.py), and prints what each import did.
"""
import argparse
import base64
import datetime
import io
import json
import os
import random
import resource
import subprocess
import sys
import time

HEADER = ["N° membre", "Nom", "Prénom", "Sexe", "Date de naissance", "Téléphone", "Village",
          "Type de membre", "N° membre principal", "Lien de parenté", "N° pièce d'identité"]
LAST = ["Keïta", "Diallo", "Diarra", "Sangaré", "Dembélé", "Traoré", "Doumbia", "Bagayoko",
        "Sanogo", "Coulibaly", "Konaté", "Camara", "Touré", "Cissé", "Kanté"]
FIRST_M = ["Siaka", "Lassina", "Bakary", "Seydou", "Adama", "Issa", "Karim", "Zoumana",
           "Brahima", "Moussa", "Drissa", "Souleymane"]
FIRST_F = ["Djénéba", "Kadiatou", "Rokia", "Bintou", "Fatoumata", "Mariam", "Massitan",
           "Aminata", "Oumou", "Awa", "Salimata", "Korotoumou"]
VILLAGES = ["Niéna", "Kignan", "Farakala", "Natien", "Fama", "Lobougoula", "Kléla", "Sikasso"]
PREFIXES = ["62", "63", "65", "66", "67", "69", "70", "71", "72", "73", "74", "75", "76", "77",
            "78", "79", "82", "83", "89", "90", "91", "92", "93", "94", "95", "96", "97", "98",
            "99"]


def generate_rows(count, seed=7):
    """Households of 1 to 4 people until ``count`` rows; unique national IDs and phones."""
    rng = random.Random(seed)
    rows, n = [], 0
    while len(rows) < count:
        n += 1
        principal = "KL-%06d" % n
        last = rng.choice(LAST)
        size = min(rng.choice([1, 1, 2, 3, 4]), count - len(rows))
        for k in range(size):
            gender = rng.choice("HF")
            first = rng.choice(FIRST_M if gender == "H" else FIRST_F)
            born = datetime.datetime(1950, 1, 1) + datetime.timedelta(days=rng.randrange(24000))
            number = principal if k == 0 else "KL-%06d-%d" % (n, k)
            phone = "%s%06d" % (rng.choice(PREFIXES), len(rows))
            if k == 0 and n % 3 == 0:
                phone = "+223 " + phone
            rows.append([
                number, last, first, gender, born, phone if k == 0 or k == 2 else None,
                rng.choice(VILLAGES), "Principal" if k == 0 else "Affilié",
                None if k == 0 else principal,
                None if k == 0 else rng.choice(["conjoint", "enfant", "enfant", "autre"]),
                "%010d" % (1000000000 + len(rows)),
            ])
    return rows


def make_xlsx(rows):
    import openpyxl
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Registre")
    sheet.append(["Registre des membres — Coopérative de Kléla (généré)"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_csv(rows):
    """The same people for Odoo's standard contact import (base_import)."""
    import csv
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "phone", "city", "ref", "comment"])
    for row in rows:
        writer.writerow(["%s %s" % (row[2], row[1]), row[5] or "", row[6], row[0], row[10]])
    return out.getvalue().encode()


def messy_register_module():
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                        "coup_member_registry", "tests", "messy_register.py")
    spec = importlib.util.spec_from_file_location("messy_register", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_messy(env):
    """Each messy register imported twice into a new cooperative of its country."""
    messy = messy_register_module()
    results = []
    for country, count in (("ml", 5676), ("co", 1968)):
        data, truly_bad = messy.register(country, count)
        company = env["res.company"].create({
            "name": "Bench messy %s %s" % (country, time.time()),
            "country_id": env.ref("base.%s" % country).id})
        for attempt in (1, 2):
            start = time.perf_counter()
            record = env["coup.member.import"].with_company(company).create({
                "company_id": company.id, "file": base64.b64encode(data),
                "filename": "messy_%s.xlsx" % country, "skip_invalid": True})
            record.action_read_file()
            record.with_context(coup_import_now=True).action_import()
            env.flush_all()
            results.append({
                "kind": "messy", "country": country, "attempt": attempt,
                "rows": record.row_count, "truly_bad": truly_bad,
                "rejected": record.error_count, "warnings": record.warning_count,
                "repeated": record.duplicate_count, "new": record.new_count,
                "already": record.matched_count,
                "seconds": time.perf_counter() - start})
    return results


def run_child(conf, db, kind, rows):
    """Runs one import inside Odoo, rolled back; prints a JSON line of figures."""
    import odoo
    from odoo.tools import config
    config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    odoo.service.server.load_server_wide_modules()
    registry = odoo.modules.registry.Registry(db)
    payload = make_xlsx(rows) if kind == "coup" else make_csv(rows)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if kind == "messy":
            for result in run_messy(env):
                print(json.dumps(result))
            cr.rollback()
            return
        start = time.perf_counter()
        if kind == "coup":
            company = env["res.company"].create({
                "name": "Bench coop %s" % time.time(), "country_id": env.ref("base.ml").id})
            record = env["coup.member.import"].with_company(company).create({
                "company_id": company.id, "file": base64.b64encode(payload),
                "filename": "bench.xlsx"})
            record.action_read_file()
            record.with_context(coup_import_now=True).action_import()
            assert record.state == "done", record.result_message
            created = env["coup.membership"].search_count([("company_id", "=", company.id)])
        else:
            wizard = env["base_import.import"].create({
                "res_model": "res.partner", "file": payload, "file_name": "bench.csv",
                "file_type": "text/csv"})
            result = wizard.execute_import(
                ["name", "phone", "city", "ref", "comment"], [],
                {"quoting": '"', "separator": ",", "has_headers": True})
            errors = [m for m in result["messages"] if m.get("type") == "error"]
            assert not errors, errors[:3]
            created = len(result["ids"])
        env.flush_all()
        elapsed = time.perf_counter() - start
        cr.rollback()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"kind": kind, "rows": len(rows), "created": created,
                      "seconds": elapsed, "peak_mb": peak_mb}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--rows", type=int, default=50000)
    parser.add_argument("--child", choices=["coup", "standard", "messy"])
    parser.add_argument("--skip-standard", action="store_true")
    parser.add_argument("--messy", action="store_true",
                        help="also import messy registers twice and print the counts")
    args = parser.parse_args()
    rows = generate_rows(args.rows)
    if args.child:
        run_child(args.config, args.database, args.child, rows)
        return
    results = {}
    kinds = ["coup"] if args.skip_standard else ["coup", "standard"]
    for kind in kinds:
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "-c", args.config, "-d", args.database,
             "--rows", str(args.rows), "--child", kind],
            capture_output=True, text=True, check=False)
        lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode or not lines:
            sys.exit("%s import failed:\n%s" % (kind, out.stderr[-3000:]))
        results[kind] = json.loads(lines[-1])
    print("%-28s %8s %10s %10s %12s" % ("import", "rows", "seconds", "rows/s", "peak RSS MB"))
    for kind, label in (("coup", "Co-Up register import"), ("standard", "Odoo contact import")):
        if kind in results:
            r = results[kind]
            print("%-28s %8d %10.1f %10.0f %12.0f" % (
                label, r["rows"], r["seconds"], r["rows"] / r["seconds"], r["peak_mb"]))
    if "standard" in results:
        print("speed-up over the standard import: %.1fx" % (
            results["standard"]["seconds"] / results["coup"]["seconds"]))
    if args.messy:
        out = subprocess.run(
            [sys.executable, os.path.abspath(__file__), "-c", args.config, "-d", args.database,
             "--rows", "1", "--child", "messy"], capture_output=True, text=True, check=False)
        lines = [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
        if out.returncode or not lines:
            sys.exit("messy import failed:\n%s" % out.stderr[-3000:])
        print()
        print("%-22s %6s %9s %9s %9s %6s %8s %8s" % (
            "messy register", "rows", "rejected", "warnings", "repeated", "new", "already",
            "seconds"))
        for r in lines:
            print("%-22s %6d %9s %9d %9d %6d %8d %8.1f" % (
                "%s, import %d" % ({"ml": "Mali", "co": "Colombia"}[r["country"]], r["attempt"]),
                r["rows"], "%d (%.2f%%)" % (r["rejected"], 100.0 * r["rejected"] / r["rows"]),
                r["warnings"], r["repeated"], r["new"], r["already"], r["seconds"]))


if __name__ == "__main__":
    main()
