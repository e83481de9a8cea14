"""Matching what a customer says (an order number, an email, a phone) to an order."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from babeldesk.commerce.contact import contact_matches, normalize_number, phone_tail, phones_match
from babeldesk.commerce.models import Address, Order, OrderStatus

ORDER = Order(
    number="1001",
    status=OrderStatus.PAID,
    placed_at=datetime(2025, 6, 1, tzinfo=UTC),
    email="Ana@Example.com",
    currency="EUR",
    total=Decimal("10"),
    phone="+34 612 345 678",
    shipping_address=Address("Ana", "Calle 1", "Madrid", "28013", "ES", phone="+49 (151) 1234-5678"),
)


def test_order_numbers_are_read_as_people_write_them() -> None:
    assert [normalize_number(n) for n in ("#1001", " 1001 ", "# 1001", "EU-1001")] == ["1001"] * 3 + [
        "EU-1001"
    ]


def test_emails_match_in_any_case_and_only_exactly() -> None:
    assert contact_matches(ORDER, " ana@EXAMPLE.com ")
    assert not contact_matches(ORDER, "ana@example.co")
    assert not contact_matches(ORDER, "")
    assert not contact_matches(Order(**{**ORDER.__dict__, "email": ""}), "@")


def test_phones_match_by_their_digits_with_or_without_the_country_code() -> None:
    for spelling in ("612345678", "+34612345678", "0034 612-345-678", "(+34) 612 34 56 78"):
        assert contact_matches(ORDER, spelling), spelling
    assert contact_matches(ORDER, "0151 12345678")  # the shipping address's phone
    assert not contact_matches(ORDER, "+33 612 345 678")  # same national digits, other country
    assert contact_matches(ORDER, "12 345 678")  # eight: a whole national number in some countries
    assert not contact_matches(ORDER, "2 345 678")  # seven could be anyone's
    assert not phones_match("", "612345678")
    assert (phone_tail("+34 612 345 678"), phone_tail("345 678")) == ("612345678", "")
    # Russia's trunk "8" before the ten national digits stands for "+7"
    assert phones_match("89165551234", "+7 916 555-12-34")
    assert phones_match("8 (916) 555 12 34", "79165551234")
    assert not phones_match("89165551234", "+7 916 555-12-35")
