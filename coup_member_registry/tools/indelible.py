"""What makes a chain of records indelible against someone who can write to the database.

Pure Python (no Odoo): the key that seals the chain and signs its checkpoints, kept on the
server's disk and never in the database; the canonical form of a record; and the anchor
journal, an append-only file beside the key that holds each chain's head as it was confirmed.

- The key is an Ed25519 private key in PEM, made on first use (``0600``, in a ``0700``
  folder). Records are sealed with an HMAC-SHA256 keyed by a secret derived from it, so a
  database user who rewrites a row cannot recompute the seals; checkpoints sent to witnesses
  are signed with it, so a witness can check them with the public key alone.
- The anchor journal is one JSON object per line, each signed: a database restored from an
  old backup, or a tail of records deleted in SQL, leaves the journal ahead of the database.
"""
import base64
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import threading

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GENESIS = "0" * 64
_HMAC_LABEL = b"co-up chain seal v1"
_lock = threading.Lock()
_keys = {}


def canonical(content, previous):
    """The bytes a record's seal is computed over: its content and the seal before it."""
    return json.dumps({"content": content, "previous": previous}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=False, default=str).encode()


def canonical_number(value):
    """Numbers the same whichever way they were read (float, Decimal, int, None)."""
    return "%.4f" % float(value or 0.0)


def new_token():
    """A record's verification token: printed on its receipt, derived from nothing else."""
    return secrets.token_urlsafe(18)


class ChainKey:
    """The server's key for one database."""

    def __init__(self, private_key, path=None):
        self.private_key = private_key
        self.path = path
        raw = private_key.private_bytes(serialization.Encoding.Raw,
                                        serialization.PrivateFormat.Raw,
                                        serialization.NoEncryption())
        self._mac_key = hmac.new(raw, _HMAC_LABEL, hashlib.sha256).digest()
        self.public_raw = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        self.public_b64 = base64.b64encode(self.public_raw).decode()
        self.fingerprint = hashlib.sha256(self.public_raw).hexdigest()[:16]

    def seal(self, content, previous):
        return hmac.new(self._mac_key, canonical(content, previous), hashlib.sha256).hexdigest()

    def sign(self, text):
        return base64.b64encode(self.private_key.sign(text.encode())).decode()


def verify_signature(public_b64, text, signature):
    """Whether ``signature`` (base64) is ``text`` signed by the key ``public_b64``."""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64))
        key.verify(base64.b64decode(signature), text.encode())
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


def key_path(folder, dbname):
    return os.path.join(folder, "%s.pem" % dbname)


def load_key(path, create=True):
    """The key at ``path``, made there the first time (by one process only: the file is
    linked into place, which fails if another process made it first)."""
    with _lock:
        key = _keys.get(path)
        if key:
            return key
        if not os.path.exists(path):
            if not create:
                return None
            folder = os.path.dirname(path)
            os.makedirs(folder, mode=0o700, exist_ok=True)
            pem = Ed25519PrivateKey.generate().private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption())
            tmp = "%s.%s.tmp" % (path, secrets.token_hex(4))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(pem)
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
            finally:
                os.unlink(tmp)
        with open(path, "rb") as handle:
            private = serialization.load_pem_private_key(handle.read(), password=None)
        if not isinstance(private, Ed25519PrivateKey):
            raise ValueError("%s is not an Ed25519 private key" % path)
        key = _keys[path] = ChainKey(private, path)
        return key


def forget_keys():
    """Drop the keys cached by this process (tests that replace a key file)."""
    with _lock:
        _keys.clear()


# ---------------------------------------------------------------------- anchor journal

def anchor_text(entry):
    """What an anchor's signature covers."""
    return "|".join(str(entry[k]) for k in ("company", "model", "number", "hash", "at", "key"))


def append_anchors(path, entries, key):
    """Append signed anchors (``company``, ``model``, ``number``, ``name``, ``hash``, ``at``)
    to the journal at ``path``; lines are appended under an exclusive lock."""
    if not entries:
        return
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    lines = []
    for entry in entries:
        entry = dict(entry, key=key.fingerprint)
        entry["sig"] = key.sign(anchor_text(entry))
        lines.append(json.dumps(entry, sort_keys=True, ensure_ascii=False) + "\n")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            handle.write("".join(lines))
            handle.flush()
            os.fsync(handle.fileno())
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_heads(path, public_b64):
    """The last anchored head of each chain: ``{(company, model): entry}``, and the number of
    lines whose signature does not match (a journal edited by hand)."""
    heads = {}
    if not os.path.exists(path):
        return heads, 0
    with open(path, "rb") as handle:
        __, forged, __ = _read_lines(handle, public_b64, heads)
    return heads, forged


def _read_lines(handle, public_b64, heads, limit=None):
    """Verify the journal's whole lines from where ``handle`` stands (``limit`` of them at
    most), keeping the highest signed head of each chain in ``heads``: ``(bytes read, forged
    lines, lines read)``. A last line still being written (no end of line yet) is left for
    the next read."""
    read, forged, lines = 0, 0, 0
    while limit is None or lines < limit:
        line = handle.readline()
        if not line.endswith(b"\n"):
            break
        read += len(line)
        lines += 1
        line = line.strip()
        if not line:
            continue
        try:
            entry = json.loads(line)
            ok = verify_signature(public_b64, anchor_text(entry), entry["sig"])
        except (ValueError, KeyError, TypeError):
            ok = False
        if not ok:
            forged += 1
            continue
        chain = (entry["company"], entry["model"])
        if chain not in heads or entry["number"] > heads[chain]["number"]:
            heads[chain] = entry
    return read, forged, lines


# the journal's bytes a kept reading is recognised by (the end of what it verified)
_TAIL = 4096
# lines verified between two keepings of a reading (about 7 s)
_CHUNK = 50000


def read_heads_kept(path, key, deadline=None):
    """:func:`read_heads`, verifying only the lines appended since the last reading.

    The journal gains a line at each confirmation and is never cut: a federation's is
    millions of lines, and verifying each signature costs about 0.14 ms. What a reading
    found (the heads, up to which byte, and a digest of the bytes before it) is kept beside
    the journal (``<journal>.heads``), sealed with the key, every ``_CHUNK`` lines: a reading
    stopped (by ``deadline``, a callable) or killed goes on from there the next time. A kept
    reading whose seal, length or bytes do not match the journal (a journal replaced,
    restored or cut) is ignored and the journal is read again from its first line.

    :return: ``(heads, forged lines, whether the whole journal was read)``
    """
    heads, forged, offset = {}, 0, 0
    if not os.path.exists(path):
        return heads, forged, True
    kept_path = path + ".heads"
    # no lock: the journal is only appended to, and a line still being written is left
    with open(path, "rb") as handle:
        kept = _load_kept(kept_path, key)
        if kept and _tail_digest(handle, kept["offset"]) == kept["tail"]:
            offset, forged = kept["offset"], kept["forged"]
            heads = {(entry["company"], entry["model"]): entry for entry in kept["heads"]}
        while True:
            handle.seek(offset)
            read, new_forged, lines = _read_lines(handle, key.public_b64, heads, _CHUNK)
            if read:
                forged += new_forged
                offset += read
                _save_kept(kept_path, key, {
                    "offset": offset, "tail": _tail_digest(handle, offset), "forged": forged,
                    "heads": sorted(heads.values(),
                                    key=lambda entry: (entry["company"], entry["model"]))})
            if lines < _CHUNK:
                return heads, forged, True
            if deadline and deadline():
                return heads, forged, False


def _tail_digest(handle, offset):
    """A digest of the ``_TAIL`` bytes before ``offset`` (None if the file is shorter)."""
    start = max(0, offset - _TAIL)
    handle.seek(start)
    data = handle.read(offset - start)
    if len(data) != offset - start:
        return None
    return hashlib.sha256(data).hexdigest()


def _load_kept(kept_path, key):
    kept = read_json(kept_path)
    try:
        mac = kept.pop("mac")
    except (KeyError, TypeError, AttributeError):
        return None
    if not hmac.compare_digest(str(mac), key.seal(kept, "kept heads")):
        return None
    return kept


def _save_kept(kept_path, key, kept):
    write_json(kept_path, dict(kept, mac=key.seal(kept, "kept heads")))


# ---------------------------------------------------------------------- files beside it

def read_json(path):
    """The JSON kept at ``path`` (None if there is none, or none readable)."""
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def write_json(path, value):
    """Keep ``value`` at ``path`` as JSON, the file replaced whole (never half-written);
    ``None`` removes it."""
    if value is None:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        return
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    tmp = "%s.%s.tmp" % (path, secrets.token_hex(4))
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(value, handle, sort_keys=True, ensure_ascii=False)
    os.replace(tmp, path)
