"""Cities named as destinations, and the country each is in (GeoNames, from the installed package)."""

from __future__ import annotations

import pytest

from babeldesk.bot.places import city_country
from babeldesk.bot.slots import fold


def everywhere(text: str) -> list[str]:
    return [fold(text)]


@pytest.mark.parametrize(
    ("text", "language", "country", "said"),
    [
        ("do you ship to New York?", "en", "US", "New York (United States)"),
        ("доставляете в Казань?", "ru", "RU", "Казань (Россия)"),
        ("能寄到东京吗", "zh", "JP", "东京 (日本)"),
        ("ส่งไปเชียงใหม่ได้ไหม", "th", "TH", "เชียงใหม่ (ไทย)"),
        ("서울로 배송 가능해요?", "ko", "KR", "서울 (대한민국)"),  # the particle is not the name
        ("frete para Curitiba?", "pt", "BR", "Curitiba (Brasil)"),
    ],
)
def test_a_city_names_its_country(text: str, language: str, country: str, said: str) -> None:
    assert city_country(text, language, None, everywhere(text)) == (country, said)


def test_a_name_several_countries_share_goes_by_the_customers_timezone() -> None:
    text = "¿envían a Valencia?"
    assert city_country(text, "es", "Europe/Madrid", everywhere(text)) == ("ES", "Valencia (España)")
    assert city_country(text, "es", "America/Caracas", everywhere(text)) == ("VE", "Valencia (Venezuela)")


def test_everyday_words_are_no_cities() -> None:
    # lower case ("casa" is a city in India), or capitalised only because a sentence starts there
    for text in ("ship it to my casa please", "Nice to meet you. How much is shipping?"):
        assert city_country(text, "en", None, everywhere(text)) is None


def test_only_a_name_near_the_request_counts() -> None:
    text = "hi, Victoria here: do you ship to my office?"
    assert city_country(text, "en", None, [fold(text)[-20:]]) is None
