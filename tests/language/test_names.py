"""Language names in the reader's language, from installed CLDR data."""

from __future__ import annotations

import pytest

from babeldesk.language.names import display_name


@pytest.mark.parametrize(
    ("code", "reader", "name"),
    [
        ("en", "zh-Hans", "英语"),
        ("en", "zh-Hant", "英文"),
        ("de", "es", "alemán"),
        ("pt-BR", "de", "Portugiesisch (Brasilien)"),
        ("ja", "ar", "اليابانية"),
        ("en", "id", "Inggris"),
        ("en", "ms", "Inggeris"),
        ("es", "en", "Spanish"),
    ],
)
def test_names_in_the_readers_language(code: str, reader: str, name: str) -> None:
    assert display_name(code, reader) == name


def test_unknown_codes_are_returned_as_they_are() -> None:
    assert display_name("qq") == "qq"
    assert display_name("not a tag!", "en") == "not a tag!"
    assert display_name("es", "qq") == "Spanish"  # an unknown reader gets English
