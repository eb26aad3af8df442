"""Generated member registers as unions really collect them from their cooperatives.

Shaped like ../shared/data's samples, with what hand-kept registers hold (issue 7): a title
row, "Membre principal" / "Asociado titular" words, phones that are no phone of the country
("12345", seven digits), two-digit years ("09/01/55"), members with one name, rows copied
twice, local words for relations, and a few rows that truly cannot make a member (no name at
all). Used by the import tests (small sizes) and by tests/bench_member_import.py (thousands).

    data, truly_bad = register("ml", 5676)
"""
import datetime
import io
import random

import openpyxl

SHAPES = {
    "ml": {
        "title": "Union des sociétés coopératives de Kléla — registre des membres",
        "header": ["N° membre", "Nom", "Prénom", "Sexe", "Date de naissance", "Téléphone",
                   "Village", "Type de membre", "N° membre principal", "Lien de parenté",
                   "N° pièce d'identité"],
        "prefix": "KL",
        "id_base": 1000000000,
        "last": ["Keïta", "Diallo", "Diarra", "Sangaré", "Dembélé", "Traoré", "Doumbia",
                 "Bagayoko", "Sanogo", "Coulibaly", "Konaté", "Camara", "Touré", "Cissé"],
        "male": ["Siaka", "Lassina", "Bakary", "Seydou", "Adama", "Issa", "Karim", "Zoumana",
                 "Brahima", "Moussa", "Drissa", "Souleymane"],
        "female": ["Djénéba", "Kadiatou", "Rokia", "Bintou", "Fatoumata", "Mariam", "Massitan",
                   "Aminata", "Oumou", "Awa", "Salimata", "Korotoumou"],
        "villages": ["Niéna", "Kignan", "Farakala", "Natien", "Fama", "Lobougoula", "Kléla"],
        "gender": {"male": ["H", "Homme", "M"], "female": ["F", "Femme", "f"]},
        "types": (["Membre principal", "Principal", "Chef de ménage"],
                  ["Membre affilié", "Affilié", "affilie"]),
        "relations": ["conjoint", "conjointe", "enfant", "Enfant", "fils", "fille", "frère",
                      "autre", "neveu"],
        "phone": lambda rng, n: rng.choice(["+223 ", "", "00223"]) + "%s%06d" % (
            rng.choice(["65", "66", "70", "73", "76", "79", "90", "94"]), n),
        "bad_phones": ["12345", "76 12 34", "0000", "223", "7612345"],
    },
    "co": {
        "title": "Asociación AgroEmprende — listado de asociados",
        "header": ["Código", "Apellidos", "Nombres", "Sexo", "Fecha de nacimiento", "Celular",
                   "Vereda", "Tipo de asociado", "Código titular", "Parentesco", "Cédula"],
        "prefix": "AE",
        "id_base": 6000000000,
        "last": ["López", "Gómez", "Ospina", "Castaño", "Rodríguez", "Martínez", "García",
                 "Ramírez", "Hernández", "Muñoz", "Restrepo", "Zapata"],
        "male": ["Jorge", "Fernando", "Camilo", "Andrés", "Luis", "Carlos", "Juan", "Diego"],
        "female": ["Sandra", "Luz", "Marta", "Gloria", "Paola", "Ana", "Diana", "Claudia"],
        "villages": ["Vereda Alto Bonito", "Vereda El Carmen", "Vereda La Esperanza"],
        "gender": {"male": ["M", "Masculino", "Hombre"], "female": ["F", "Femenino", "Mujer"]},
        "types": (["Asociado titular", "Titular", "Asociado principal"],
                  ["Beneficiario", "Afiliado", "Asociado afiliado"]),
        "relations": ["cónyuge", "esposa", "hijo(a)", "hija", "hijo", "hermano", "madre",
                      "sobrino"],
        "phone": lambda rng, n: rng.choice(["+57 ", ""]) + "3%02d%07d" % (
            rng.randrange(0, 24), n),
        "bad_phones": ["12345", "310 000", "0000000", "57", "31012"],
    },
}


def rows(country, count, seed=7):
    """(header rows, member rows, number of rows that cannot make a member)."""
    shape = SHAPES[country]
    rng = random.Random(seed)
    body, n, truly_bad = [], 0, 0
    while len(body) < count:
        n += 1
        principal = "%s-%05d" % (shape["prefix"], n)
        last = rng.choice(shape["last"])
        size = min(rng.choice([1, 1, 2, 3, 4]), count - len(body))
        for k in range(size):
            gender = rng.choice(["male", "female"])
            first = rng.choice(shape[gender])
            born = datetime.datetime(1945, 1, 1) + datetime.timedelta(days=rng.randrange(25000))
            birth = born if rng.random() < 0.7 else born.strftime(
                rng.choice(["%d/%m/%y", "%d/%m/%Y", "%d-%m-%y"]))
            phone = shape["phone"](rng, len(body)) if k in (0, 2) else None
            if phone and rng.random() < 0.12:
                phone = rng.choice(shape["bad_phones"])
            row = [
                principal if k == 0 else "%s-%d" % (principal, k), last, first,
                rng.choice(shape["gender"][gender]), birth, phone, rng.choice(shape["villages"]),
                rng.choice(shape["types"][0 if k == 0 else 1]), None if k == 0 else principal,
                None if k == 0 else rng.choice(shape["relations"]),
                "%010d" % (shape["id_base"] + n * 10 + k) if rng.random() < 0.6 else None,
            ]
            if rng.random() < 0.05:
                row[rng.choice([1, 2])] = None          # one name only
            if k == 0 and rng.random() < 0.03:
                row[4] = "01/01/2091"                   # a birth date in the future
            body.append(row)
            if rng.random() < 0.01 and len(body) < count:
                body.append(list(row))                  # copied twice
        if rng.random() < 0.004 and len(body) < count:
            # a row with a number and nothing else: it cannot make a member
            body.append(["%s-%05d-X" % (shape["prefix"], n), None, None, None, None, None,
                         rng.choice(shape["villages"]), rng.choice(shape["types"][0]), None,
                         None, None])
            truly_bad += 1
    return [[shape["title"]], shape["header"]], body, truly_bad


def register(country, count, seed=7):
    """The register as .xlsx bytes, and how many of its rows cannot make a member."""
    head, body, truly_bad = rows(country, count, seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Registre")
    for row in head + body:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), truly_bad
