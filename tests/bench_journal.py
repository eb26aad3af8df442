#!/usr/bin/env python3
"""Benchmark of the anchor journal's reading, as the integrity check reads it.

    python3 tests/bench_journal.py [--lines 1000000] [--new 1000]

Pure Python, in a temporary folder. The journal gains a signed line at each confirmation
(each till ticket, each batch), so a federation's is millions of lines. It writes
``--lines`` lines over 9 cooperatives' chains, then times: the whole journal verified
(``read_heads``, as every check of every chain did), the first kept reading
(``read_heads_kept``: the same, and what it found kept beside the journal), a kept reading
after ``--new`` more lines (a day's confirmations), and one with nothing new.
"""
import argparse
import importlib.util
import os
import shutil
import tempfile
import time

_spec = importlib.util.spec_from_file_location("indelible", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "coup_member_registry", "tools",
    "indelible.py"))
indelible = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(indelible)

MODELS = ("coup.purchase", "coup.sale", "coup.share.movement", "coup.share.certificate")


def entries(first, count):
    for n in range(first, first + count):
        company, model = 1 + n % 9, MODELS[n % 4 if n % 10 == 0 else 0]
        yield {"company": company, "model": model, "number": n, "name": "ACH/%06d" % n,
               "hash": "%064x" % n, "at": "2026-12-05T10:00:00"}


def timed(label, function):
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    print("%-52s %8.2f s (%.2f s CPU)" % (label, time.perf_counter() - started,
                                          time.process_time() - cpu), flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000000)
    parser.add_argument("--new", type=int, default=1000)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="coup-bench-journal-")
    try:
        key = indelible.load_key(os.path.join(folder, "db.pem"))
        journal = os.path.join(folder, "anchors", "db.jsonl")
        batch = 50000

        def write():
            for first in range(1, args.lines + 1, batch):
                indelible.append_anchors(
                    journal, list(entries(first, min(batch, args.lines + 1 - first))), key)

        timed("writing %d lines" % args.lines, write)
        print("journal: %.0f MB" % (os.path.getsize(journal) / 2 ** 20))
        full = timed("the whole journal verified (read_heads)",
                     lambda: indelible.read_heads(journal, key.public_b64))
        kept = timed("first kept reading (read_heads_kept)",
                     lambda: indelible.read_heads_kept(journal, key))
        assert kept[:2] == full
        indelible.append_anchors(journal, list(entries(args.lines + 1, args.new)), key)
        timed("kept reading after %d new lines" % args.new,
              lambda: indelible.read_heads_kept(journal, key))
        again = timed("kept reading, nothing new",
                      lambda: indelible.read_heads_kept(journal, key))
        assert again[:2] == indelible.read_heads(journal, key.public_b64)
        print("heads: %d chains; the integrity check reads the journal once for each chain "
              "of each cooperative" % len(again[0]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
