"""Which variety of a language a text is read as (``nlu/variety.py``)."""

from __future__ import annotations

import pytest

from babeldesk.nlu.variety import known_variety, reading, variety


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("hi-Latn", "hi-Latn"),
        ("sr-Latn", "sr-Latn"),
        ("hi", "hi"),
        ("pt-BR", "pt"),
        ("zh-Hans", "zh"),
        ("en-Latn", "en"),  # English is written in Latin letters anyway
        (None, "und"),
    ],
)
def test_variety_keeps_a_foreign_script_only(code: str | None, expected: str) -> None:
    assert variety(code) == expected


def test_an_unknown_variety_falls_back_to_its_language() -> None:
    assert known_variety("hi-Latn", {"hi", "hi-Latn"}) == "hi-Latn"
    assert known_variety("ja-Latn", {"ja"}) == "ja"


@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("mera order abhi tak nahi aaya", "hi", "hi-Latn"),
        ("मेरा ऑर्डर अभी तक नहीं आया", "hi", "hi"),
        ("मेरा ऑर्डर अभी तक नहीं आया", "hi-Latn", "hi"),  # inherited from a Hinglish conversation
        ("mera order abhi tak nahi aaya", "hi-Latn", "hi-Latn"),
        ("Wo ist meine Bestellung?", "de", "de"),
        ("注文した iPhone ケースがまだ届きません", "ja", "ja"),
        ("12345", "ar", "ar"),  # no letters: nothing to tell
        ("ok", None, None),
    ],
)
def test_reading_follows_the_letters(text: str, code: str | None, expected: str | None) -> None:
    assert reading(text, code) == expected


def test_a_name_in_latin_letters_does_not_make_a_sentence_latin() -> None:
    assert reading("播放 Taylor Swift 的 Love Story", "zh") == "zh"
    assert reading("شغل أغنية Taylor Swift", "ar") == "ar"
