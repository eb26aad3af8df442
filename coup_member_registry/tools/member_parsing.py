"""Pure parsing of what cooperatives write in their registers.

No ORM here: these functions turn one cell into a clean value or an error code, so they can be
tested without a database and reused by every import (members, parcels, deliveries). The
Odoo layer turns error codes into translated messages that name the row, column and value.
"""
import datetime
import re
import unicodedata

from . import phone

EXCEL_EPOCH = datetime.date(1899, 12, 30)


class ParseError(ValueError):
    """A cell that cannot be read; ``code`` keys the translated message."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def normalize_text(value):
    """Lower case, no accents, punctuation folded to single spaces: 'N° Pièce' -> 'n piece'."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKD", str(value).replace("œ", "oe").replace("Œ", "Oe")
                                 .replace("æ", "ae").replace("Æ", "Ae"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def clean_cell(value):
    """Strip strings, turn whole floats (Excel numbers) into their integer text, '' into None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        value = " ".join(value.split())
        return value or None
    return value


# Column headers as cooperatives write them, in French, Spanish and English (normalized).
HEADER_ALIASES = {
    "member_number": [
        "n membre", "no membre", "numero membre", "numero de membre", "num membre", "matricule",
        "code membre", "code", "codigo", "codigo asociado", "numero de socio", "n socio",
        "member number", "member no", "member id", "membership number",
    ],
    "last_name": ["nom", "nom de famille", "apellidos", "apellido", "last name", "surname",
                  "family name"],
    "first_name": ["prenom", "prenoms", "nombres", "nombre", "first name", "first names",
                   "given name"],
    "name": ["nom complet", "nom et prenom", "nom prenom", "nombre completo", "full name", "name"],
    "gender": ["sexe", "genre", "sexo", "genero", "gender", "sex"],
    "birth_date": ["date de naissance", "ne le", "nee le", "date naissance", "fecha de nacimiento",
                   "fecha nacimiento", "birth date", "date of birth", "birthdate", "dob"],
    "phone": ["telephone", "tel", "numero de telephone", "portable", "celular", "telefono",
              "movil", "phone", "mobile", "phone number", "mobile phone"],
    "village": ["village", "localite", "commune", "vereda", "localidad", "comunidad", "municipio",
                "town"],
    "membership_type": ["type de membre", "type", "categorie", "tipo de asociado", "tipo",
                        "tipo de socio", "member type", "membership type"],
    "principal_number": ["n membre principal", "no membre principal", "membre principal",
                         "numero membre principal", "codigo titular", "titular",
                         "codigo del titular", "principal member", "principal member number",
                         "principal number"],
    "relation": ["lien de parente", "lien", "parente", "parentesco", "relacion", "relationship",
                 "relation"],
    "national_id": ["n piece d identite", "piece d identite", "numero piece d identite", "cni",
                    "nina", "cedula", "documento", "documento de identidad", "national id",
                    "id number", "identity number"],
    "join_date": ["date d adhesion", "adhesion", "date adhesion", "fecha de ingreso",
                  "fecha de afiliacion", "join date", "date joined", "membership date"],
    "email": ["email", "e mail", "courriel", "correo", "correo electronico"],
}
_ALIAS_TO_KEY = {alias: key for key, aliases in HEADER_ALIASES.items() for alias in aliases}


def match_header(header):
    """The field key a column header stands for, or False."""
    return _ALIAS_TO_KEY.get(normalize_text(header), False)


def find_header_row(rows, max_scan=15):
    """Index of the header row: the first of the top rows where two or more cells are known
    headers (a register often has a title row or two above it). None if there is none."""
    for index, row in enumerate(rows[:max_scan]):
        if sum(1 for cell in row if cell is not None and match_header(cell)) >= 2:
            return index
    return None


# Words that say what a cell is rather than its value: "Membre principal", "Asociado titular",
# "Type: affilié", "Sexe féminin" read as "principal", "titular", "affilie", "feminin".
NOISE_WORDS = frozenset([
    "membre", "membres", "member", "members", "asociado", "asociada", "socio", "socia",
    "miembro", "type", "tipo", "de", "du", "des", "del", "la", "le", "el", "sexe", "sexo",
    "genre", "genero", "lien", "relation", "relacion", "parentesco",
])


def _word_parser(words, code):
    """A parser of the words of ``words`` ({value: [normalized words]}), with an optional
    ``extra`` table ({normalized word: value}, the cooperative's remembered answers, where
    ``None`` means "leave empty"); ParseError(code) for any other word, False for an empty
    cell."""
    table = {word: key for key, aliases in words.items() for word in aliases}

    def parse(value, extra=None):
        value = clean_cell(value)
        if value is None:
            return False
        word = normalize_text(value)
        for table_ in (extra or {}, table):
            if word in table_:
                return table_[word] or False
        stripped = " ".join(w for w in word.split() if w not in NOISE_WORDS)
        if stripped in table:
            return table[stripped]
        raise ParseError(code)
    return parse


GENDER_WORDS = {
    "male": ["h", "m", "homme", "masculin", "hombre", "masculino", "male", "man", "mr"],
    "female": ["f", "femme", "feminin", "mujer", "femenino", "female", "woman", "mme", "w"],
    "other": ["autre", "otro", "other", "x"],
}
MEMBERSHIP_TYPE_WORDS = {
    "principal": ["principal", "principale", "chef de menage", "chef de famille", "titulaire",
                  "titular", "cabeza de hogar", "jefe de hogar", "main", "head", "p"],
    "affiliated": ["affilie", "affiliee", "affilies", "afiliado", "afiliada", "beneficiario",
                   "beneficiaria", "familiar", "affiliated", "family", "dependent", "a",
                   "ayant droit", "menage", "membre du menage", "adherent affilie"],
}
RELATION_WORDS = {
    "spouse": ["conjoint", "conjointe", "epoux", "epouse", "mari", "femme", "conyuge", "esposo",
               "esposa", "spouse", "wife", "husband"],
    "child": ["enfant", "fils", "fille", "hijo", "hija", "hijo a", "hijos", "child", "son",
              "daughter"],
    "parent": ["pere", "mere", "parent", "padre", "madre", "padre madre", "padre o madre",
               "father", "mother"],
    "sibling": ["frere", "soeur", "fratrie", "frere ou soeur", "hermano", "hermana", "hermano a",
                "sibling", "brother", "sister"],
    "other": ["autre", "otro", "otra", "other", "neveu", "niece", "sobrino", "sobrina",
              "petit fils", "petite fille", "nieto", "nieta"],
}
parse_gender = _word_parser(GENDER_WORDS, "gender")
parse_membership_type = _word_parser(MEMBERSHIP_TYPE_WORDS, "membership_type")
parse_relation = _word_parser(RELATION_WORDS, "relation")


_DATE_RE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def parse_date(value, today=None):
    """Excel dates and serials, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yy and ISO text.

    A two-digit year is in the past century when it would otherwise lie in the future.
    """
    today = today or datetime.date.today()
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 2958466:
            return EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ParseError("date")
    text = str(value).strip()
    try:
        match = _ISO_RE.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
        match = _DATE_RE.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            if len(match.group(3)) == 2:
                year += 2000
                if year > today.year:
                    year -= 100
            return datetime.date(year, month, day)
    except ValueError:
        raise ParseError("date") from None
    raise ParseError("date")


def parse_birth_date(value, today=None):
    today = today or datetime.date.today()
    date = parse_date(value, today)
    if date and (date > today or date.year < 1900):
        raise ParseError("birth_date_range")
    return date


def parse_phone(value, region):
    """E.164 text of a phone number read with the cooperative's country as default region."""
    value = clean_cell(value)
    if value is None:
        return False
    # the suite's one normaliser (tools/phone.py)
    try:
        return phone.to_e164(value, region)
    except phone.PhoneError:
        raise ParseError("phone") from None


def age_on(birth_date, today):
    """Age in whole years on ``today``."""
    if not birth_date:
        return 0
    before_birthday = (today.month, today.day) < (birth_date.month, birth_date.day)
    return today.year - birth_date.year - before_birthday


def birth_date_bounds(age_min, age_max, today):
    """Birth dates (first, last) of the people aged age_min..age_max inclusive on ``today``."""
    def years_before(years):
        try:
            return today.replace(year=today.year - years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - years, day=28)
    first = years_before(age_max + 1) + datetime.timedelta(days=1)
    last = years_before(age_min)
    return first, last
