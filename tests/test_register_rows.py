"""Pure tests of how the rows of a register are checked: no database, no Odoo."""
import datetime
import importlib.util
import io
import pathlib
import sys

import openpyxl
import pytest

_TOOLS = pathlib.Path(__file__).parents[1] / "coup_member_registry" / "tools"


def _load(name):
    """tools/<name>.py as a submodule of a package of its own, without Odoo."""
    package = "coup_register_tools"
    if package not in sys.modules:
        spec = importlib.util.spec_from_loader(package, loader=None, is_package=True)
        module = importlib.util.module_from_spec(spec)
        module.__path__ = [str(_TOOLS)]
        sys.modules[package] = module
    return importlib.import_module("%s.%s" % (package, name))


rr = _load("register_rows")
rf = _load("register_file")

TODAY = datetime.date(2026, 11, 24)
POSITIONS = {"member_number": 0, "last_name": 1, "first_name": 2, "gender": 3, "birth_date": 4,
             "phone": 5, "membership_type": 6, "principal_number": 7, "relation": 8}


def parse(*rows, words=None):
    return rr.parse_rows([list(r) for r in rows], POSITIONS, 2, "ML", TODAY, words)


def codes(row, kind="errors"):
    return [p.code for p in row[kind]]


def test_a_bad_phone_is_a_warning_and_the_member_stays():
    [row] = parse(["KL-1", "Keïta", "Siaka", "H", "02/01/1989", "12345", "Membre principal"])
    assert codes(row) == []
    assert codes(row, "warnings") == ["phone"]
    assert row["values"]["phone"] is False
    assert row["values"]["membership_type"] == "principal"


def test_two_digit_years_and_future_birth_dates():
    old, future = parse(["KL-1", "A", "B", "F", "09/01/55"], ["KL-2", "C", "D", "F", "01/01/2091"])
    assert old["values"]["birth_date"] == datetime.date(1955, 1, 9)
    assert future["values"]["birth_date"] is False
    assert codes(future, "warnings") == ["birth_date_range"]


def test_one_name_is_enough_no_name_is_not():
    one, none = parse(["KL-1", "Keïta", None], ["KL-2", None, None, "F"])
    assert rr.row_name(one["values"]) == "Keïta" and not one["errors"]
    assert codes(none) == ["name_required"]


def test_unknown_words_wait_for_the_cooperative_then_are_read():
    [row] = parse(["KL-2", "Diallo", "Awa", "F", None, None, "Affilié", "KL-1", "Cadet"])
    assert codes(row, "warnings") == ["relation"]
    assert rr.unknown_words([row]) == {("relation", "cadet"): ("Cadet", 1)}
    [row] = parse(["KL-2", "Diallo", "Awa", "F", None, None, "Affilié", "KL-1", "CADET"],
                  words={"relation": {"cadet": "child"}})
    assert row["values"]["relation"] == "child" and not row["warnings"]


def test_unknown_member_type_rejects_the_row():
    [row] = parse(["KL-1", "Keïta", "Siaka", "H", None, None, "Chef?"])
    assert codes(row) == ["membership_type"]


def test_formula_and_overlong_cells():
    [row] = parse(["KL-1", {"formula": "=B2&C2"}, "Siaka", "H", None, "7" * 40])
    assert codes(row) == ["formula"]
    assert codes(row, "warnings") == ["too_long"]
    assert row["warnings"][0].args == {"length": 40, "max": 32}


def test_repeated_rows_and_conflicting_numbers():
    rows = parse(["KL-1", "Keïta", "Siaka"], ["KL-1", "Keïta", "Siaka"],
                 ["KL-2", "Diallo", "Awa", "H"], ["KL-2", "Diallo", "Awa", "F"])
    rr.check_rows(rows, rr.empty_known())
    same, first_conflict, second_conflict = rows[1], rows[2], rows[3]
    assert same["duplicate_of"] == 2 and codes(same, "warnings") == ["same_row"]
    assert codes(first_conflict) == codes(second_conflict) == ["number_conflict"]
    assert first_conflict["errors"][0].args == {"first": 4, "second": 5}
    assert rr.summary(rows) == {"row_count": 4, "error_count": 2, "warning_count": 0,
                                "duplicate_count": 1, "new_count": 1, "matched_count": 0}


def test_households_fall_with_their_principal():
    rows = parse(["KL-1", None, None, "H", None, None, "Principal"],
                 ["KL-2", "Diallo", "Awa", "F", None, None, "Affilié", "KL-1", "conjointe"],
                 ["KL-3", "Diallo", "Issa", "H", None, None, "Affilié", "KL-9", "fils"],
                 ["KL-4", "Sanogo", "Adama", "H", None, None, "Principal", "KL-4"])
    rr.check_rows(rows, rr.empty_known())
    assert [codes(r) for r in rows] == [["name_required"], ["principal_rejected"],
                                        ["principal_unknown"], []]
    assert rows[3]["values"]["principal_number"] is False, "own number as head: ignored"


def test_registered_members_are_found_by_number_then_name():
    known = rr.empty_known()
    known.by_number["KL-1"] = (10, 100, "principal", "siaka keïta")
    known.by_partner[100] = 10
    known.by_number["KL-5"] = (11, 102, "principal", "fanta traoré")
    known.by_coop_name["awa diallo"] = 101
    rows = parse(["KL-1", "Keïta", "Siaka"], [None, "Diallo", "Awa"], ["KL-5", "Traoré", "Issa"])
    rr.check_rows(rows, known)
    assert (rows[0]["partner_id"], rows[0]["membership_id"]) == (100, 10)
    assert rows[1]["partner_id"] == 101
    assert codes(rows[2]) == ["number_taken"]


def test_a_name_alone_is_not_the_same_person():
    rows = parse(["KL-1", "Diallo", "Awa"], ["KL-2", "Diallo", "Awa"],
                 ["KL-3", "Keïta", "Siaka", None, "02/01/1989"],
                 ["KL-4", "Keïta", "Siaka", None, "02/01/1989"])
    rr.check_rows(rows, rr.empty_known())
    assert [codes(r) for r in rows] == [[], [], [], []]
    assert [r["duplicate_of"] for r in rows] == [False, False, False, 4]
    assert codes(rows[3], "warnings") == ["same_person"]


def test_one_member_written_twice_is_imported_once_with_a_warning():
    """Case, accents, a trailing space, the date's format, a cell left empty: one person."""
    rows = parse(["KL-15", "KONÉ", "Awa", "F", "02/01/1989", "62 45 79 65"],
                 ["KL-15", "Kone ", "awa", None, "1989-01-02", "+223 62457965"],
                 ["KL-16", "Traoré", "Issa", "H", "05/05/1980"],
                 ["KL-16", "Traoré", "Issa", "H", "06/05/1980"],
                 ["KL-17", "Sanogo", "Adama", None, "01/01/1970"],
                 ["KL-17", "Sanogo", "Adama", "H", "01.01.1970"])
    rr.check_rows(rows, rr.empty_known())
    assert [codes(r) for r in rows] == [[], [], ["number_conflict"], ["number_conflict"], [], []]
    assert [r["duplicate_of"] for r in rows] == [False, 2, False, False, False, 6]
    assert codes(rows[1], "warnings") == ["same_person"]
    assert rows[5]["warnings"][0].args == {"row": 6}
    assert rows[4]["values"]["gender"] == "male", "the empty cell taken from the repeat"
    assert rr.summary(rows)["new_count"] == 2


def test_the_matcher_ignores_accents_case_spacing_order_and_date_formats():
    pm = _load("person_match")
    assert pm.name_key("KONÉ  Awa ") == pm.name_key("awa kone") == "awa kone"
    assert pm.same_person({"name": "Koné Awa", "birth_date": "02/01/1989"},
                          {"name": "Awa KONE", "birth_date": datetime.date(1989, 1, 2)})
    assert pm.same_person({"name": "Koné Awa", "phone": "62 45 79 65"},
                          {"name": "kone awa", "phone": "0022362457965"}, region="ML")
    assert not pm.same_person({"name": "Koné Awa"}, {"name": "Kone Awa"}), "a name alone"
    assert not pm.same_person({"name": "Koné Awa", "national_id": "A1", "phone": "62457965"},
                              {"name": "Kone Awa", "national_id": "B2", "phone": "62457965"},
                              region="ML")
    assert pm.same_person({"name": "X", "national_id": "ml-123 45"},
                          {"name": "Y", "national_id": "ML12345"})
    index = pm.PersonIndex("ML")
    index.add(7, "Koné Awa", "+22362457965")
    assert index.find("AWA KONE", "62 45 79 65") == 7
    assert index.find("Awa Koné", "62 45 79 65", national_id="Z9") == 7
    index.add(8, "Diarra Seydou", "76001122", national_id="N1")
    assert index.find("Seydou Diarra", "76 00 11 22", national_id="N2") is None


def test_one_phone_normaliser():
    phone = _load("phone")
    assert phone.to_e164("62 45 79 65", "ML") == phone.to_e164("0022362457965") \
        == "+22362457965"
    assert phone.key("12345", "ML") == "12345", "kept as digits, still comparable"
    assert phone.same_phone("+223 62 45 79 65", "62457965", "ML")
    with pytest.raises(phone.PhoneError):
        phone.to_e164("12345", "ML")
    assert phone.national_number("+22362457965") == "62457965"


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_reading_files():
    rows = rf.read_register(_xlsx([["Nom", "Prénom"], ["Keïta", "=A2"], [None, None]]), "r.xlsx")
    assert rows == [["Nom", "Prénom"], ["Keïta", {"formula": "=A2"}]]
    assert rf.read_register("Nom;Prénom\nTraoré;Awa\n".encode("cp1252"), "r.csv") == [
        ["Nom", "Prénom"], ["Traoré", "Awa"]]
    for data, name, code in ((b"  ", "r.csv", "empty"), (b"%PDF", "r.pdf", "not_spreadsheet"),
                             (b"PK\x03\x04broken", "r.xlsx", "not_spreadsheet")):
        with pytest.raises(rf.RegisterFileError) as error:
            rf.read_register(data, name)
        assert error.value.code == code


def test_two_namesakes_born_the_same_day_keep_their_own_numbers():
    known = rr.empty_known()
    for mid, number, pid in ((10, "KL-1", 100), (11, "KL-2", 101)):
        known.by_number[number] = (mid, pid, "principal", "seydou diarra")
        known.by_partner[pid] = mid
    known.people.add(100, "Seydou Diarra", None, None, datetime.date(2010, 10, 27))
    rows = parse(["KL-1", "Diarra", "Seydou", "H", "27/10/2010", "76001122"],
                 ["KL-2", "Diarra", "Seydou", "H", "27/10/2010"])
    rr.check_rows(rows, known)
    assert [(r["partner_id"], r["membership_id"], codes(r)) for r in rows] == [
        (100, 10, []), (101, 11, [])]
