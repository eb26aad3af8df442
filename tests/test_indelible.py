"""Pure tests of what seals the chains and anchors their heads: no database, no Odoo."""
import importlib.util
import json
import multiprocessing
import os
import pathlib

import pytest

_PATH = pathlib.Path(__file__).parents[1] / "coup_member_registry" / "tools" / "indelible.py"
_spec = importlib.util.spec_from_file_location("coup_indelible", _PATH)
ind = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ind)


@pytest.fixture(autouse=True)
def _fresh_keys():
    ind.forget_keys()
    yield
    ind.forget_keys()


def test_the_key_is_made_once_private_and_read_back(tmp_path):
    path = str(tmp_path / "keys" / "coop.pem")
    key = ind.load_key(path)
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o600)
    assert oct(os.stat(os.path.dirname(path)).st_mode & 0o777) == oct(0o700)
    ind.forget_keys()
    again = ind.load_key(path)
    assert again.fingerprint == key.fingerprint
    assert ind.load_key(str(tmp_path / "none.pem"), create=False) is None


def _make_key(path):
    return ind.load_key(path).fingerprint


def test_four_processes_making_the_key_at_once_share_one(tmp_path):
    path = str(tmp_path / "coop.pem")
    with multiprocessing.get_context("fork").Pool(4) as pool:
        fingerprints = pool.map(_make_key, [path] * 4)
    assert len(set(fingerprints)) == 1
    assert os.listdir(tmp_path) == ["coop.pem"], "no temporary file left"


def test_a_seal_needs_the_key_and_covers_content_and_link(tmp_path):
    key = ind.load_key(str(tmp_path / "a.pem"))
    other = ind.load_key(str(tmp_path / "b.pem"))
    content = {"number": "ACH/000001", "lines": [[1, "A", "400.0000"]], "place": 7}
    seal = key.seal(content, ind.GENESIS)
    assert seal == key.seal(dict(reversed(list(content.items()))), ind.GENESIS), \
        "the order of the keys does not matter"
    assert seal != other.seal(content, ind.GENESIS)
    assert seal != key.seal(dict(content, place=8), ind.GENESIS)
    assert seal != key.seal(content, "1" * 64)
    # an unkeyed SHA-256 of the same bytes is not the seal
    assert seal != ind.hashlib.sha256(ind.canonical(content, ind.GENESIS)).hexdigest()


def test_signatures_verify_with_the_public_key_only(tmp_path):
    key = ind.load_key(str(tmp_path / "a.pem"))
    signature = key.sign("Co-Up Kléla 2026-12-03: ACH 000123 3f2a")
    assert ind.verify_signature(key.public_b64, "Co-Up Kléla 2026-12-03: ACH 000123 3f2a",
                                signature)
    assert not ind.verify_signature(key.public_b64, "Co-Up Kléla 2026-12-03: ACH 000124 3f2a",
                                    signature)
    assert not ind.verify_signature(key.public_b64, "x", "not base64!")


def test_the_anchor_journal_keeps_the_highest_signed_head(tmp_path):
    key = ind.load_key(str(tmp_path / "a.pem"))
    journal = str(tmp_path / "anchors" / "db.jsonl")
    ind.append_anchors(journal, [
        {"company": 1, "model": "coup.purchase", "number": 3, "name": "ACH/000003",
         "hash": "a" * 64, "at": "2026-12-01T10:00:00"},
        {"company": 2, "model": "coup.purchase", "number": 1, "name": "ACH/000001",
         "hash": "b" * 64, "at": "2026-12-01T10:00:00"}], key)
    ind.append_anchors(journal, [
        {"company": 1, "model": "coup.purchase", "number": 5, "name": "ACH/000005",
         "hash": "c" * 64, "at": "2026-12-02T10:00:00"}], key)
    # a line added by hand, without the key, is not believed
    with open(journal, "a") as handle:
        handle.write(json.dumps({"company": 1, "model": "coup.purchase", "number": 9,
                                 "name": "ACH/000009", "hash": "d" * 64,
                                 "at": "2026-12-03T10:00:00", "key": key.fingerprint,
                                 "sig": "AAAA"}) + "\n")
        handle.write("not json\n")
    heads, forged = ind.read_heads(journal, key.public_b64)
    assert heads[(1, "coup.purchase")]["number"] == 5
    assert heads[(2, "coup.purchase")]["hash"] == "b" * 64
    assert forged == 2
    assert oct(os.stat(journal).st_mode & 0o777) == oct(0o600)


def test_verification_tokens_are_random_and_long_enough():
    tokens = {ind.new_token() for __ in range(1000)}
    assert len(tokens) == 1000
    assert min(len(token) for token in tokens) >= 24


def _journal(tmp_path, lines=3):
    key = ind.load_key(str(tmp_path / "a.pem"))
    journal = str(tmp_path / "anchors" / "db.jsonl")
    ind.append_anchors(journal, [
        {"company": 1, "model": "coup.purchase", "number": number,
         "name": "ACH/%06d" % number, "hash": "%064x" % number, "at": "2026-12-01T10:00:00"}
        for number in range(1, lines + 1)], key)
    return key, journal


def _counting_verifications(monkeypatch):
    calls = []
    verify = ind.verify_signature

    def counted(*args):
        calls.append(args)
        return verify(*args)

    monkeypatch.setattr(ind, "verify_signature", counted)
    return calls


def test_a_kept_reading_verifies_only_the_lines_appended_since(tmp_path, monkeypatch):
    key, journal = _journal(tmp_path, lines=50)
    calls = _counting_verifications(monkeypatch)
    heads, forged, __ = ind.read_heads_kept(journal, key)
    assert (heads[(1, "coup.purchase")]["number"], forged, len(calls)) == (50, 0, 50)
    ind.append_anchors(journal, [{"company": 2, "model": "coup.sale", "number": 1,
                                  "name": "VEN/000001", "hash": "e" * 64,
                                  "at": "2026-12-02T10:00:00"}], key)
    with open(journal, "a") as handle:
        handle.write("not json\n")
    del calls[:]
    heads, forged, __ = ind.read_heads_kept(journal, key)
    assert len(calls) == 1, "the 50 lines read before are not verified again"
    assert heads == ind.read_heads(journal, key.public_b64)[0]
    assert heads[(2, "coup.sale")]["hash"] == "e" * 64
    assert forged == 1
    # nothing new: nothing verified
    del calls[:]
    assert ind.read_heads_kept(journal, key)[0] == heads
    assert calls == []
    assert oct(os.stat(journal + ".heads").st_mode & 0o777) == oct(0o600)


def test_a_line_still_being_written_is_left_for_the_next_reading(tmp_path):
    key, journal = _journal(tmp_path, lines=2)
    entry = {"company": 1, "model": "coup.purchase", "number": 3, "name": "ACH/000003",
             "hash": "f" * 64, "at": "2026-12-02T10:00:00", "key": key.fingerprint}
    entry["sig"] = key.sign(ind.anchor_text(entry))
    line = json.dumps(entry) + "\n"
    with open(journal, "a") as handle:
        handle.write(line[:40])
    heads, forged, __ = ind.read_heads_kept(journal, key)
    assert (heads[(1, "coup.purchase")]["number"], forged) == (2, 0)
    with open(journal, "a") as handle:
        handle.write(line[40:])
    heads, forged, __ = ind.read_heads_kept(journal, key)
    assert (heads[(1, "coup.purchase")]["number"], forged) == (3, 0)


def test_a_journal_restored_cut_or_replaced_is_read_again_from_its_start(tmp_path):
    key, journal = _journal(tmp_path, lines=5)
    with open(journal, "rb") as handle:
        lines = handle.readlines()
    assert ind.read_heads_kept(journal, key)[0][(1, "coup.purchase")]["number"] == 5
    # an older copy of the journal put back: shorter than what was kept
    with open(journal, "wb") as handle:
        handle.writelines(lines[:3])
    assert ind.read_heads_kept(journal, key)[0][(1, "coup.purchase")]["number"] == 3
    # another journal, as long as the kept reading and longer: its own lines are read
    other_key, other = _journal(tmp_path / "other", lines=8)
    with open(other, "rb") as source, open(journal, "wb") as handle:
        handle.write(source.read())
    heads, forged, __ = ind.read_heads_kept(journal, key)
    assert (heads, forged) == ({}, 8), "signed with another key: none believed"


def test_a_kept_reading_edited_without_the_key_is_not_believed(tmp_path):
    key, journal = _journal(tmp_path, lines=4)
    ind.read_heads_kept(journal, key)
    with open(journal + ".heads", encoding="utf-8") as handle:
        kept = json.load(handle)
    kept["heads"][0]["number"] = 99
    kept["heads"][0]["hash"] = "0" * 64
    with open(journal + ".heads", "w", encoding="utf-8") as handle:
        json.dump(kept, handle)
    heads, __, __ = ind.read_heads_kept(journal, key)
    assert (heads[(1, "coup.purchase")]["number"],
            heads[(1, "coup.purchase")]["hash"]) == (4, "%064x" % 4)


def test_a_long_first_reading_stops_at_its_deadline_and_goes_on_the_next_time(
        tmp_path, monkeypatch):
    key, journal = _journal(tmp_path, lines=7)
    monkeypatch.setattr(ind, "_CHUNK", 2)
    calls = _counting_verifications(monkeypatch)
    heads, forged, complete = ind.read_heads_kept(journal, key, deadline=lambda: True)
    assert (heads[(1, "coup.purchase")]["number"], forged, complete, len(calls)) == \
        (2, 0, False, 2)
    heads, forged, complete = ind.read_heads_kept(journal, key, deadline=lambda: True)
    assert (heads[(1, "coup.purchase")]["number"], complete, len(calls)) == (4, False, 4)
    # a reading killed after a chunk: what it verified is kept
    # (the kept reading recognised, lines 5-6 verified and kept, line 7 verified: killed)
    monkeypatch.setattr(ind, "_tail_digest", _killed_after(ind._tail_digest, 2))
    with pytest.raises(KeyboardInterrupt):
        ind.read_heads_kept(journal, key)
    monkeypatch.undo()
    calls = _counting_verifications(monkeypatch)
    heads, forged, complete = ind.read_heads_kept(journal, key)
    assert (heads[(1, "coup.purchase")]["number"], forged, complete, len(calls)) == \
        (7, 0, True, 1), "lines 5 and 6 were kept by the killed reading"


def _killed_after(function, allowed):
    """``function``, that dies as a killed process at its call number ``allowed + 1``."""
    calls = []

    def dying(*args):
        calls.append(args)
        if len(calls) > allowed:
            raise KeyboardInterrupt
        return function(*args)

    return dying
