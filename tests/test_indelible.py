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
