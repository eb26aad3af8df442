"""Pure helpers on SMS text: no ORM, tested without a database.

- :func:`sms_segments`: how many SMS a text costs (GSM-7 or UCS-2, single or concatenated);
- :func:`placeholders` / :func:`render`: ``{first_name}``-style placeholders of campaign texts;
- :func:`opt_out_keyword`: whether an inbound text asks to stop (STOP, ARRET, PARAR…).

Phone numbers are read by the registry's one normaliser, ``coup_member_registry/tools/phone.py``
(``check_mobile``: a number in E.164 and whether it can receive SMS; ``national_number``).
"""
import re
import unicodedata

# GSM 03.38 basic character set (one septet each) and its extension table (two septets each).
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")

SINGLE = {"gsm7": 160, "ucs2": 70}
PART = {"gsm7": 153, "ucs2": 67}

PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")

OPT_OUT_WORDS = {"stop", "arret", "arreter", "parar", "stopall", "unsubscribe", "desabonner",
                 "baja", "cancelar", "end", "quit"}


def encoding(text):
    """'gsm7' when every character is in the GSM 7-bit alphabet, else 'ucs2'."""
    if all(char in GSM7_BASIC or char in GSM7_EXTENDED for char in text or ""):
        return "gsm7"
    return "ucs2"


def sms_length(text, enc=None):
    """Length in the units of the encoding: septets for GSM-7, UTF-16 code units for UCS-2."""
    text = text or ""
    enc = enc or encoding(text)
    if enc == "gsm7":
        return sum(2 if char in GSM7_EXTENDED else 1 for char in text)
    return len(text.encode("utf-16-le")) // 2


def sms_segments(text):
    """``(segments, encoding, length)``: the number of SMS ``text`` is sent as.

    160 GSM-7 characters (70 in UCS-2) fit one SMS; longer texts are split into parts of 153
    (67) characters, each carrying the concatenation header.
    """
    text = text or ""
    enc = encoding(text)
    length = sms_length(text, enc)
    if not length:
        return 0, enc, 0
    if length <= SINGLE[enc]:
        return 1, enc, length
    return -(-length // PART[enc]), enc, length


def placeholders(template):
    """Names of the ``{placeholders}`` of ``template``, in order, each once."""
    seen = []
    for name in PLACEHOLDER_RE.findall(template or ""):
        if name not in seen:
            seen.append(name)
    return seen


def render(template, values):
    """``template`` with each ``{name}`` replaced by ``values[name]`` (missing ones: empty)."""
    def substitute(match):
        value = values.get(match.group(1))
        return "" if value in (None, False) else str(value)
    return PLACEHOLDER_RE.sub(substitute, template or "")


def normalize_word(text):
    """Lower case without accents or punctuation: 'Arrêt !' -> 'arret'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def opt_out_keyword(text):
    """Whether an inbound SMS asks to stop receiving messages: its first word is STOP, ARRET,
    PARAR… (any case, with or without accents or punctuation)."""
    words = normalize_word(text).split()
    return bool(words) and words[0] in OPT_OUT_WORDS and len(words) <= 3
