"""Dates in replies are written as the customer's language writes them, in their timezone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from babeldesk.bot.facts import calendar_words, clock, day, duration, money
from babeldesk.language.translate.protect import SpanKind, mask

MOMENT = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "March 1, 2025"),
        ("de", "1. März 2025"),
        ("es", "1 de marzo de 2025"),
        ("pt-BR", "1 de março de 2025"),
        ("ja", "2025年3月1日"),
        ("zh-Hans", "2025年3月1日"),
        ("ru", "1 марта 2025 г."),
        ("ar", "1 مارس 2025"),
        ("hi-Latn", "1 March 2025"),  # Hinglish replies are in Latin letters, their dates in Indian English
        ("xx", "March 1, 2025"),  # a language CLDR does not know reads English
    ],
)
def test_long_dates_per_language(language: str, written: str) -> None:
    assert day(MOMENT, None, language) == written


def test_dates_and_times_are_the_customers_local_ones() -> None:
    assert day(MOMENT, "Asia/Tokyo", "en") == "March 2, 2025"
    assert clock(MOMENT, "Asia/Tokyo", "en") == "Sun, Mar 2 8:30 AM"
    assert clock(MOMENT, "Europe/Madrid", "es") == "dom, 2 mar 0:30"
    assert "\u202f" not in clock(MOMENT, None, "en")  # plain spaces: SMS stays in GSM-7


def test_calendar_words_name_months_and_weekdays() -> None:
    assert {"marzo", "mar", "domingo", "dom"} <= calendar_words("es")
    assert "土曜日" in calendar_words("ja") and "土" not in calendar_words("ja")


@pytest.mark.parametrize(
    ("minutes", "language", "said"),
    [
        (5, "ar", "5 دقائق"),  # Arabic counts 3-10 with the plural, 11 and up with the singular
        (11, "ar", "11 دقيقة"),
        (5, "ru", "5 минут"),
        (180, "ru", "3 часа"),
        (5, "ja", "5 分"),  # no long form in CLDR: the short one
        (90, "en", "90 minutes"),
    ],
)
def test_waits_are_counted_as_each_language_counts(minutes: int, language: str, said: str) -> None:
    assert duration(timedelta(minutes=minutes), language) == said


@pytest.mark.parametrize(
    ("language", "amount", "currency", "written"),
    [
        ("en", "1279.95", "EUR", "1,279.95 EUR"),
        ("de", "1279.95", "EUR", "1.279,95 EUR"),
        ("nl", "79.9", "EUR", "79,90 EUR"),
        ("fr", "1279.95", "EUR", "1279,95 EUR"),  # no space inside the number: it could read as two
        ("ru", "12345", "RUB", "12345,00 RUB"),
        ("hi", "127995.5", "INR", "1,27,995.50 INR"),  # Indian grouping
        ("ja", "1299", "JPY", "1,299 JPY"),  # yen have no decimals
        ("ar", "59.9", "SAR", "59.90 SAR"),  # no bidi marks: the widget sets each message's direction
        ("xx", "5", "USD", "5.00 USD"),
    ],
)
def test_amounts_are_written_as_the_language_writes_numbers(
    language: str, amount: str, currency: str, written: str
) -> None:
    said = money(Decimal(amount), currency, language)
    assert said == written
    # a translation engine never sees it as words to translate
    [span] = mask(f"Total: {said}.", target="es").spans
    assert (span.kind, span.text) == (SpanKind.PRICE, said)
