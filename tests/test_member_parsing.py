"""Pure tests of how register cells are read: no database, no Odoo."""
import datetime
import importlib
import importlib.util
import pathlib
import sys

import pytest

_TOOLS = pathlib.Path(__file__).parents[1] / "coup_member_registry" / "tools"


def _load(name):
    """tools/<name>.py as a submodule of a package of its own, without Odoo (member_parsing
    reads phones with its sibling tools/phone.py)."""
    package = "coup_register_tools"
    if package not in sys.modules:
        spec = importlib.util.spec_from_loader(package, loader=None, is_package=True)
        module = importlib.util.module_from_spec(spec)
        module.__path__ = [str(_TOOLS)]
        sys.modules[package] = module
    return importlib.import_module("%s.%s" % (package, name))


mp = _load("member_parsing")

TODAY = datetime.date(2026, 11, 22)


@pytest.mark.parametrize("word, gender", [
    ("H", "male"), ("Homme", "male"), ("m", "male"), ("Masculino", "male"), ("hombre", "male"),
    ("F", "female"), ("Femme", "female"), ("FÉMININ", "female"), ("Femenino", "female"),
    ("mujer", "female"), ("female", "female"), ("Autre", "other"), (None, False), ("  ", False),
])
def test_gender_words(word, gender):
    assert mp.parse_gender(word) == gender


@pytest.mark.parametrize("word", ["Z", "homme femme", "2"])
def test_unknown_gender_word(word):
    with pytest.raises(mp.ParseError) as error:
        mp.parse_gender(word)
    assert error.value.code == "gender"


@pytest.mark.parametrize("cell, date", [
    (datetime.datetime(1989, 1, 2), datetime.date(1989, 1, 2)),
    (datetime.date(1989, 1, 2), datetime.date(1989, 1, 2)),
    (32510, datetime.date(1989, 1, 2)),            # Excel serial
    (32510.0, datetime.date(1989, 1, 2)),
    ("02/01/1989", datetime.date(1989, 1, 2)),
    ("2-1-1989", datetime.date(1989, 1, 2)),
    ("02.01.89", datetime.date(1989, 1, 2)),
    ("18-11-95", datetime.date(1995, 11, 18)),
    ("15/06/15", datetime.date(2015, 6, 15)),      # 2-digit year not in the future: 2015
    ("15/06/30", datetime.date(1930, 6, 15)),      # would be in the future: 1930
    ("1989-01-02", datetime.date(1989, 1, 2)),
    ("1989-01-02T00:00:00", datetime.date(1989, 1, 2)),
    (None, False), ("", False),
])
def test_dates(cell, date):
    assert mp.parse_date(cell, TODAY) == date


@pytest.mark.parametrize("cell", ["31/02/1990", "2/13/1990", "hier", "1990", -5])
def test_impossible_dates(cell):
    with pytest.raises(mp.ParseError):
        mp.parse_date(cell, TODAY)


def test_birth_date_range():
    with pytest.raises(mp.ParseError) as error:
        mp.parse_birth_date("01/01/2030", TODAY)
    assert error.value.code == "birth_date_range"
    with pytest.raises(mp.ParseError):
        mp.parse_birth_date("01/01/1850", TODAY)


@pytest.mark.parametrize("cell, region, e164", [
    ("62457965", "ML", "+22362457965"),
    (62457965.0, "ML", "+22362457965"),
    ("+223 73 80 52 59", "ML", "+22373805259"),
    ("0022373021818", "ML", "+22373021818"),
    ("3175949426", "CO", "+573175949426"),
    ("+57 322 119 3098", "ML", "+573221193098"),   # an explicit country code wins
    ("07 08 09 10 11", "CI", "+2250708091011"),
])
def test_phones(cell, region, e164):
    assert mp.parse_phone(cell, region) == e164


@pytest.mark.parametrize("cell", ["76 12 34", "abc", "+999 123"])
def test_bad_phones(cell):
    with pytest.raises(mp.ParseError):
        mp.parse_phone(cell, "ML")


@pytest.mark.parametrize("header, key", [
    ("N° membre", "member_number"), ("Nom", "last_name"), ("Prénom", "first_name"),
    ("Date de naissance", "birth_date"), ("N° pièce d'identité", "national_id"),
    ("Código titular", "principal_number"), ("Cédula", "national_id"), ("Celular", "phone"),
    ("Vereda", "village"), ("Tipo de asociado", "membership_type"),
    ("Principal Member Number", "principal_number"), ("Join Date", "join_date"),
    ("Something else", False),
])
def test_headers(header, key):
    assert mp.match_header(header) == key


def test_header_row_below_title():
    rows = [["Registre des membres 2024"], [None], ["N° membre", "Nom", "Prénom"], ["KL-1", "A", "B"]]
    assert mp.find_header_row(rows) == 2
    assert mp.find_header_row([["a", "b"], [1, 2]]) is None


def test_words_for_types_and_relations():
    assert mp.parse_membership_type("Affiliée") == "affiliated"
    assert mp.parse_membership_type("Titular") == "principal"
    assert mp.parse_relation("hijo(a)") == "child"
    assert mp.parse_relation("Cónyuge") == "spouse"
    assert mp.parse_relation("Fratrie") == "sibling"
    with pytest.raises(mp.ParseError):
        mp.parse_relation("voisin")


def test_ages_and_youth_bounds():
    assert mp.age_on(datetime.date(2000, 11, 23), TODAY) == 25
    assert mp.age_on(datetime.date(2000, 11, 22), TODAY) == 26
    first, last = mp.birth_date_bounds(15, 35, TODAY)
    assert mp.age_on(first, TODAY) == 35 and mp.age_on(first - datetime.timedelta(days=1), TODAY) == 36
    assert mp.age_on(last, TODAY) == 15 and mp.age_on(last + datetime.timedelta(days=1), TODAY) == 14
    first, last = mp.birth_date_bounds(15, 35, datetime.date(2024, 2, 29))
    assert last == datetime.date(2009, 2, 28)
