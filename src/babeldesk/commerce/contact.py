"""How a customer's word is matched to an order: order numbers as people type them, emails and phones.

Pure functions over plain data, shared by every store adapter and by the bot when it verifies a customer.
"""

from __future__ import annotations

import re

from babeldesk.commerce.models import Order

# Fewer digits than this could match a stranger's number; nine covers a national number without its
# country code in most countries (a Spanish mobile, a French number without the leading 0). It keys
# the search for a customer's orders by phone.
MIN_PHONE_DIGITS = 9
# Checking the phone given against one order's own is safer than searching: eight digits then, the
# length of a whole national number in Latvia, Denmark, Norway or Singapore ("26 483 310").
MIN_MATCHED_DIGITS = 8

_NOT_DIGIT = re.compile(r"\D")


def normalize_number(number: str) -> str:
    """ "#1001", " 1001 " and "1001" are one order number; the shop's own spelling is kept otherwise."""
    return number.strip().lstrip("#").strip()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def phone_digits(phone: str) -> str:
    return _NOT_DIGIT.sub("", phone)


def phone_tail(phone: str) -> str:
    """The last digits that identify a phone, or "" when it has too few to identify anyone."""
    digits = phone_digits(phone)
    return digits[-MIN_PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else ""


# Russia and Kazakhstan dial a national number with a trunk "8" before its ten digits ("8 916 555-12-34"
# is "+7 916 555-12-34"); no country code is 8 followed by ten digits.
_TRUNK_EIGHT = re.compile(r"^8(\d{10})$")


def phones_match(a: str, b: str) -> bool:
    """Same number, with or without country code, spaces or punctuation: the shorter one's digits
    (at least eight) end the longer one. Leading zeros (a trunk "0", an international "00") are dropped
    first: "0151 1234 5678" is "+49 151 1234 5678"; so is a trunk "8" before ten digits."""
    left, right = _national(a), _national(b)
    shorter = min(len(left), len(right))
    return shorter >= MIN_MATCHED_DIGITS and left[-shorter:] == right[-shorter:]


def _national(phone: str) -> str:
    digits = phone_digits(phone).lstrip("0")
    trunk = _TRUNK_EIGHT.match(digits)
    return trunk.group(1) if trunk else digits


def contact_matches(order: Order, email_or_phone: str) -> bool:
    """Whether the customer's email (any case) or phone (any spelling) is the one on the order."""
    given = email_or_phone.strip()
    if not given:
        return False
    if "@" in given:
        return bool(order.email) and normalize_email(order.email) == normalize_email(given)
    phones = [order.phone]
    if order.shipping_address is not None:
        phones.append(order.shipping_address.phone)
    return any(phones_match(phone, given) for phone in phones if phone)
