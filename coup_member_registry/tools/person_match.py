"""The one person matcher of the suite, without Odoo: the register import, a collection
point's till and SMS replies decide with it whether two sets of details are one person.

A person is:

- the same **national ID** (spaces, dashes and case aside); two different IDs are two people;
- else the same **name** with the same **phone** or the same **birth date**. Names are
  compared without accents, case, punctuation, extra spaces or word order ("KONE  Awa",
  "Awa Koné"); phones in E.164 (:mod:`.phone`); dates as dates, whatever their format in the
  file.

A name alone is not a person (two Awa Diallo are two members), nor is a phone alone (a
household often shares one).
"""
import datetime
import re
import unicodedata

from . import member_parsing
from . import phone as phones

# accented letters and their plain forms, for a first sieve of names in SQL (``translate``);
# the decision is always :func:`name_key`'s
SQL_ACCENTS = "áàâäãåéèêëíìîïóòôöõúùûüçñýÿÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÇÑÝ"
SQL_PLAIN = "".join(unicodedata.normalize("NFKD", c)[0] for c in SQL_ACCENTS)


def sql_name(name):
    """The name as the SQL sieve compares it: ``sql_name_expression`` on the column side."""
    return member_parsing.normalize_text(name)


def name_key(name):
    """The name as compared: 'Koné  AWA' and 'awa kone' give 'awa kone'."""
    return " ".join(sorted(member_parsing.normalize_text(name).split()))


def nid_key(national_id):
    """A national ID as compared: letters and digits only, upper case."""
    return re.sub(r"[^0-9A-Z]", "", str(national_id or "").upper()) or None


def date_key(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    try:
        return member_parsing.parse_date(value)
    except member_parsing.ParseError:
        return None


def identity_keys(name, phone=None, national_id=None, birth_date=None, region=None):
    """The keys under which a person is found, strongest first: ``("nid", id)``,
    ``("phone", name, e164)``, ``("birth", name, date)``."""
    keys = []
    nid = nid_key(national_id)
    if nid:
        keys.append(("nid", nid))
    name = name_key(name)
    if name:
        phone_key = phones.key(phone, region)
        if phone_key:
            keys.append(("phone", name, phone_key))
        birth = date_key(birth_date)
        if birth:
            keys.append(("birth", name, birth))
    return keys


def same_person(a, b, region=None):
    """Whether two sets of details (dicts with ``name``, and optionally ``phone``,
    ``national_id``, ``birth_date``) are one person."""
    nid_a, nid_b = nid_key(a.get("national_id")), nid_key(b.get("national_id"))
    if nid_a and nid_b:
        return nid_a == nid_b
    keys_a = set(identity_keys(a.get("name"), a.get("phone"), None, a.get("birth_date"),
                               region))
    keys_b = set(identity_keys(b.get("name"), b.get("phone"), None, b.get("birth_date"),
                               region))
    return bool(keys_a & keys_b)


class PersonIndex:
    """People by their identity keys, to find the one a new set of details describes in a
    dictionary lookup (the import's thousands of rows, never compared pair by pair)."""

    def __init__(self, region=None):
        self.region = region
        self._by_key = {}

    def add(self, value, name, phone=None, national_id=None, birth_date=None):
        """Remember ``value`` (an id, a row) under the person's keys; the first one stays."""
        nid = nid_key(national_id)
        for item in identity_keys(name, phone, national_id, birth_date, self.region):
            self._by_key.setdefault(item, (value, nid))

    def find(self, name, phone=None, national_id=None, birth_date=None):
        """The value of the person these details describe, or None: the national ID decides
        when both sides have one, else the name with the phone or the birth date."""
        nid = nid_key(national_id)
        for item in identity_keys(name, phone, national_id, birth_date, self.region):
            found = self._by_key.get(item)
            if found is None:
                continue
            value, found_nid = found
            if item[0] != "nid" and nid and found_nid and found_nid != nid:
                continue  # two different national IDs are two people
            return value
        return None
