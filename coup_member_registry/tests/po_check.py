"""Checks that a Co-Up module's French and Spanish translations are complete.

Every other module can call :func:`untranslated` from its own tests::

    from odoo.addons.coup_member_registry.tests.po_check import untranslated
    self.assertEqual(untranslated("coup_fieldbook"), [])
"""
import os

import polib

from odoo.modules.module import get_module_path

LANGS = ("fr", "es")

# Terms written the same in English and in French or Spanish (names, codes, units, words both
# languages share). Keep it short: anything else left identical is an English word a member would
# read untranslated. ("all" is the value of the dashboard's company selector, not a word.)
SHARED = {"ID", "SMS", "Total", "kg", "ha", "%(figure)s – %(where)s", "4C", "Account SID",
          "Africa's Talking", "Auth Token", "GET", "JSON", "POST", "Twilio", "Webhooks",
          "Rainforest Alliance", "kg ·", "kg ×", "all",
          "%(number)s: %(state)s %(detail)s"}
IDENTICAL = {
    "fr": SHARED | {"Absent", "Contact", "Date", "Description", "Note", "Notes", "Principal",
                    "Segments", "Signature", "Type", "Catalogue", "Certification", "Certifications", "Communication",
                    "Configuration", "Document", "Dose", "Finance", "Grade", "Image 128",
                    "Inspection", "Invitation", "Invitations", "Lot", "Lots", "Messages", "Net",
                    "Net (kg)", "Parent", "Photo", "Photos", "Point", "Points", "Quorum",
                    "Segment", "Site", "Sites", "Stable", "Tare (kg)", "Village", "Villages",
                    "position %s",
                    '{"type": "Polygon", "coordinates": [[[-5.56, 11.58], ...]]}'},
    "es": SHARED | {"No", "Portal", "Total:"},
}


def po_path(module, lang):
    return os.path.join(get_module_path(module), "i18n", "%s.po" % lang)


def untranslated(module, langs=LANGS):
    """``[(lang, msgid)]`` of the module's entries with no translation, or translated by the
    English itself outside the short list of identical terms, or missing from a ``.po``
    although the ``.pot`` has them."""
    base = get_module_path(module)
    pot = polib.pofile(os.path.join(base, "i18n", "%s.pot" % module))
    wanted = {entry.msgid for entry in pot if not entry.obsolete}
    problems = []
    for lang in langs:
        po = polib.pofile(po_path(module, lang))
        entries = {entry.msgid: entry for entry in po if not entry.obsolete}
        for msgid in sorted(wanted):
            entry = entries.get(msgid)
            if entry is None or not entry.msgstr.strip() or "fuzzy" in entry.flags:
                problems.append((lang, msgid))
            elif entry.msgstr == msgid and msgid not in IDENTICAL[lang] \
                    and any(c.isalpha() for c in msgid):
                problems.append((lang, msgid))
    return problems
