"""Dates in replies are written as the customer's language writes them, in their timezone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from babeldesk.bot.facts import calendar_words, clock, day, duration

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
