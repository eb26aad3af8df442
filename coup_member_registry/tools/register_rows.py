"""Checking the rows of a member register: what each row says, and what the rows say together.

No ORM here, so that every rule is tested without a database: the import model reads the file
(``register_file``), fetches what the cooperative already holds into plain dictionaries
(``Known``), calls ``parse_rows`` and ``check_rows``, and turns the problem codes into
translated messages naming the row, the column and the value.

A problem is an **error** when the row cannot make a member (no name, a member number given to
two different people, a household whose principal is unknown): the row is rejected. It is a
**warning** when only a detail is wrong (a phone that is not a phone of the cooperative's
country, an impossible birth date, a gender word nobody mapped): the member is imported
without that detail. A register kept by hand for twenty years has many of those; they must
not cost the cooperative its members.
"""
from collections import namedtuple

from . import member_parsing, person_match
from .register_file import is_formula

# cells that decide who the member is and in which household: a problem there rejects the row
IDENTITY_KEYS = frozenset(["name", "first_name", "last_name", "member_number",
                           "membership_type", "principal_number"])
# word columns whose unknown words the data officer maps once for the cooperative
WORD_KEYS = ("gender", "membership_type", "relation")
MAX_LENGTH = {"name": 128, "first_name": 64, "last_name": 64, "member_number": 32,
              "principal_number": 32, "national_id": 32, "phone": 32}
DEFAULT_MAX_LENGTH = 255

Problem = namedtuple("Problem", "key value code args")
Known = namedtuple("Known", [
    "by_number",       # {member number: (membership id, partner id, type, name)}
    "by_partner",      # {partner id: membership id} in this cooperative
    "people",          # person_match.PersonIndex of the people in the database: partner ids
    "by_coop_name",    # {person_match.name_key: partner id, or None when two members share it}
])


def empty_known(region=None):
    return Known({}, {}, person_match.PersonIndex(region), {})


def comparable(values):
    """A row's values as compared between rows: text without accents, case or extra spaces
    (dates are already dates, whatever their format in the file), empty cells left out."""
    result = {}
    for key, value in values.items():
        if value in (None, False, ""):
            continue
        if key == "name" or key in ("first_name", "last_name"):
            continue
        result[key] = member_parsing.normalize_text(value) if isinstance(value, str) else value
    result["name"] = person_match.name_key(row_name(values))
    return result


def same_row_person(values, other):
    """Two rows of one member number that describe one person: the same name (accents, case
    and spacing aside) and no cell that says otherwise (a cell one row leaves empty is
    not a contradiction)."""
    mine, theirs = comparable(values), comparable(other)
    if not mine["name"] or mine["name"] != theirs["name"]:
        return False
    return all(theirs[key] == value for key, value in mine.items() if key in theirs)


def row_name(values):
    return values.get("name") or " ".join(
        filter(None, [values.get("first_name"), values.get("last_name")]))


def parse_rows(rows, positions, first_row, region, today, words=None):
    """Every non-empty row read into clean values, errors and warnings.

    ``positions``: {field key: column index}; ``words``: the cooperative's remembered answers
    for unknown words, {field key: {normalized word: value or None}}. Returns a list of dicts:
    ``row`` (number in the file), ``raw``, ``values``, ``errors``, ``warnings`` (Problems),
    ``unknown`` ([(field key, word as written)]).
    """
    words = words or {}
    parsers = {
        "gender": lambda v: member_parsing.parse_gender(v, words.get("gender")),
        "membership_type": lambda v: member_parsing.parse_membership_type(
            v, words.get("membership_type")),
        "relation": lambda v: member_parsing.parse_relation(v, words.get("relation")),
        "birth_date": lambda v: member_parsing.parse_birth_date(v, today),
        "join_date": lambda v: member_parsing.parse_date(v, today),
        "phone": lambda v: member_parsing.parse_phone(v, region),
    }
    parsed = []
    for offset, row in enumerate(rows):
        if all(cell in (None, "") for cell in row):
            continue
        values, errors, warnings, unknown = {}, [], [], []
        for key, position in positions.items():
            raw = row[position] if position < len(row) else None
            problems = errors if key in IDENTITY_KEYS else warnings
            values[key] = False
            if is_formula(raw):
                problems.append(Problem(key, raw["formula"], "formula", {}))
                continue
            text = member_parsing.clean_cell(raw)
            limit = MAX_LENGTH.get(key, DEFAULT_MAX_LENGTH)
            if isinstance(text, str) and len(text) > limit:
                problems.append(Problem(key, text[:40] + "…", "too_long",
                                        {"length": len(text), "max": limit}))
                continue
            parser = parsers.get(key)
            if parser:
                try:
                    values[key] = parser(raw)
                except member_parsing.ParseError as error:
                    problems.append(Problem(key, raw, error.code, {}))
                    if key in WORD_KEYS:
                        unknown.append((key, str(text)))
            elif text is not None:
                values[key] = str(text)
        number, principal = values.get("member_number"), values.get("principal_number")
        if principal and principal == number and values.get("membership_type") != "affiliated":
            values["principal_number"] = False  # a head of household written as their own head
        if values.get("email") and "@" not in values["email"]:
            warnings.append(Problem("email", values["email"], "email", {}))
            values["email"] = False
        if not row_name(values):
            errors.append(Problem("name", None, "name_required", {}))
        if not values.get("membership_type") and not any(
                p.key == "membership_type" for p in errors):
            values["membership_type"] = ("affiliated" if values.get("principal_number")
                                         else "principal")
        parsed.append({"row": first_row + offset, "raw": row, "values": values,
                       "errors": errors, "warnings": warnings, "unknown": unknown,
                       "duplicate_of": False, "partner_id": False, "membership_id": False})
    return parsed


def check_rows(parsed, known):  # noqa: C901 (one check per rule of the register, in order)
    """Cross-row checks and matching with what the cooperative holds, in place: repeated rows
    (``duplicate_of``), member numbers, people already registered (``partner_id``,
    ``membership_id``), households."""
    first_by_number, first_by_data, file_principals = {}, {}, {}
    seen_people = person_match.PersonIndex(known.people.region)
    conflicting = set()
    for row in parsed:
        values = row["values"]
        number = values.get("member_number")
        data_key = tuple(sorted((k, str(v)) for k, v in comparable(values).items()))
        first = first_by_number.get(number) if number else first_by_data.get(data_key)
        if first is not None:
            if values == first["values"]:
                row["duplicate_of"] = first["row"]
                row["warnings"].append(Problem("member_number" if number else "name",
                                               number or row_name(values), "same_row",
                                               {"row": first["row"]}))
                continue
            if number and same_row_person(values, first["values"]) \
                    and first["row"] not in conflicting:
                # one member written twice (a cell added, case, spacing): imported once, the
                # cells the first row left empty taken from this one
                for key, value in values.items():
                    if value not in (None, False, "") and first["values"].get(key) in (
                            None, False, ""):
                        first["values"][key] = value
                row["duplicate_of"] = first["row"]
                row["warnings"].append(Problem("name", row_name(values), "same_person",
                                               {"row": first["row"]}))
                continue
            if number:
                args = {"first": first["row"], "second": row["row"]}
                row["errors"].append(Problem("member_number", number, "number_conflict", args))
                if first["row"] not in conflicting:
                    first["errors"].append(
                        Problem("member_number", number, "number_conflict", args))
                    conflicting.add(first["row"])
                continue
        if number:
            first_by_number[number] = row
        first_by_data.setdefault(data_key, row)
        if values.get("membership_type") != "affiliated" and number:
            # a row whose type is unreadable may be the principal its household names
            file_principals.setdefault(number, row)

    for row in parsed:
        if row["duplicate_of"]:
            continue
        values = row["values"]
        number = values.get("member_number")
        name = row_name(values)
        details = (name, values.get("phone"), values.get("national_id"),
                   values.get("birth_date"))
        registered = known.by_number.get(number) if number else None
        if registered and person_match.name_key(registered[3]) == person_match.name_key(name):
            # the cooperative's own member under their own number: nothing else to look at
            # (two people of one name and birth date are common in a register of thousands)
            seen_people.add(row, *details)
            row["partner_id"] = registered[1]
            row["membership_id"] = known.by_partner.get(registered[1], False)
            continue
        # the same person twice in the file under two numbers (person_match: a name alone is
        # not a person, two Awa Diallo are two members): imported once, with a warning
        first = seen_people.find(*details)
        if first is not None and not row["errors"] and not first["errors"] \
                and values.get("membership_type") == first["values"].get("membership_type"):
            row["duplicate_of"] = first["row"]
            row["warnings"].append(Problem("name", name, "same_person", {"row": first["row"]}))
            continue
        seen_people.add(row, *details)
        partner_id = known.people.find(*details)
        if registered:
            row["errors"].append(Problem("member_number", number, "number_taken", {}))
            partner_id = registered[1]
        elif not partner_id and not number:
            partner_id = known.by_coop_name.get(person_match.name_key(name))
        row["partner_id"] = partner_id or False
        row["membership_id"] = known.by_partner.get(partner_id, False)

    for row in parsed:
        if row["duplicate_of"]:
            continue
        values = row["values"]
        principal = values.get("principal_number")
        if values.get("membership_type") == "affiliated":
            registered = known.by_number.get(principal)
            if not principal:
                row["errors"].append(Problem("principal_number", None, "principal_required", {}))
            elif principal == values.get("member_number"):
                row["errors"].append(Problem("principal_number", principal, "principal_self", {}))
            elif principal not in file_principals and not (
                    registered and registered[2] == "principal"):
                row["errors"].append(Problem("principal_number", principal,
                                             "principal_unknown", {}))
        elif principal and values.get("membership_type") == "principal":
            row["errors"].append(Problem("principal_number", principal,
                                         "principal_on_principal", {}))
    # an affiliated member whose principal is rejected is rejected too
    rejected = {r["values"].get("member_number") for r in parsed if r["errors"]}
    for row in parsed:
        principal = row["values"].get("principal_number")
        if not row["errors"] and not row["duplicate_of"] and principal in rejected \
                and principal in file_principals:
            row["errors"].append(Problem("principal_number", principal, "principal_rejected",
                                         {"row": file_principals[principal]["row"]}))


def summary(parsed):
    """Counts the wizard shows: rows, rejected, warned, repeated, new, already registered."""
    good = [r for r in parsed if not r["errors"] and not r["duplicate_of"]]
    return {
        "row_count": len(parsed),
        "error_count": sum(1 for r in parsed if r["errors"]),
        "warning_count": sum(1 for r in parsed
                             if r["warnings"] and not r["errors"] and not r["duplicate_of"]),
        "duplicate_count": sum(1 for r in parsed if r["duplicate_of"]),
        "new_count": sum(1 for r in good if not r["partner_id"]),
        "matched_count": sum(1 for r in good if r["partner_id"]),
    }


def unknown_words(parsed):
    """{(field key, normalized word): (word as first written, rows)} over the whole file."""
    found = {}
    for row in parsed:
        for key, word in row["unknown"]:
            normalized = member_parsing.normalize_text(word)
            written, count = found.get((key, normalized), (word, 0))
            found[(key, normalized)] = (written, count + 1)
    return found
