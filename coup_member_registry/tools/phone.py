"""The one phone normaliser of the suite, on ``phonenumbers`` (the library Odoo's
``phone_validation`` is built on), without Odoo.

A register, a till and an SMS gateway write one phone in many ways ("62 45 79 65",
"0022362457965", "+223 62 45 79 65"): every module compares phones in E.164 read with the
cooperative's country as the default region, through these functions only.
"""
import phonenumbers


class PhoneError(ValueError):
    """Not a phone number (of the region, when it has no country code)."""


def _parse(value, region):
    text = " ".join(str(value or "").split())
    if not text:
        raise PhoneError("empty")
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        return phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        raise PhoneError("unreadable") from None


def to_e164(value, region=None):
    """The valid phone number ``value`` as E.164 text ("+22362457965").

    :param region: ISO 3166-1 alpha-2 code read when the number has no country code
    :raise PhoneError: when it is not a valid number
    """
    number = _parse(value, region)
    if not phonenumbers.is_valid_number(number):
        raise PhoneError("invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def to_e164_possible(value, region=None):
    """As :func:`to_e164` for numbers that are only possible (a gateway's sender, a short
    range the library does not know yet)."""
    number = _parse(value, region)
    if not phonenumbers.is_possible_number(number):
        raise PhoneError("impossible")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_mobile(e164):
    """Whether an E.164 number can receive an SMS (mobile, or fixed-or-mobile)."""
    number = _parse(e164, None)
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def check_mobile(value, region=None):
    """Whether ``value`` can receive an SMS, read with ``region`` as default country.

    :return: ``(e164, problem)``: ``problem`` is ``None`` for a number that can receive SMS,
        ``'missing'``, ``'invalid'`` (not a phone number of that country) or ``'not_mobile'``
        (a valid fixed line, pager, toll-free… number, given with its E.164).
    """
    try:
        e164 = to_e164(value, region)
    except PhoneError as error:
        return False, "missing" if error.args == ("empty",) else "invalid"
    return e164, None if is_mobile(e164) else "not_mobile"


def key(value, region=None):
    """What two phones are compared by: E.164 when the number is valid, else its digits
    (a phone stored as typed still matches itself), or ``None`` when there are none."""
    if not value:
        return None
    try:
        return to_e164(value, region)
    except PhoneError:
        digits = "".join(c for c in str(value) if c.isdigit())
        return digits or None


def national_number(e164):
    """The national significant number of an E.164 phone ("62457965"), or None."""
    try:
        return phonenumbers.national_significant_number(_parse(e164, None)) or None
    except PhoneError:
        return None


def same_phone(a, b, region=None):
    """Whether two phones, as typed, are one number."""
    key_a, key_b = key(a, region), key(b, region)
    return bool(key_a) and key_a == key_b
