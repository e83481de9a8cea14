"""A postal address from a customer's free text: street line, postal code, city, country.

Parsing is deliberately modest. The result is always read back to the customer for a yes before the
store changes anything, and whatever cannot be placed with confidence (no street number, no postal
code, a postal code that does not fit the country) makes ``parse_address`` return None so the bot
asks again instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from babel import Locale, UnknownLocaleError

from babeldesk.bot.facts import country_name
from babeldesk.bot.slots import fold, normalize_digits
from babeldesk.commerce.models import Address
from babeldesk.language.translate.base import base_language

# Country names as customers write them (English, the country's own language, a few neighbours').
COUNTRIES = {
    "US": "united states|usa|u.s.|united states of america|america|estados unidos|états-unis|美国|アメリカ"
    "|mỹ",
    "CA": "canada|kanada|加拿大|カナダ", "MX": "mexico|méxico|mexiko", "BR": "brazil|brasil|brasilien",
    "AR": "argentina", "CL": "chile", "CO": "colombia", "PE": "peru|perú",
    "GB": "united kingdom|uk|great britain|england|scotland|wales|reino unido|royaume-uni"
    "|vereinigtes königreich",
    "IE": "ireland|irland|irlanda", "FR": "france|frankreich|francia|frança|法国|フランス",
    "DE": "germany|deutschland|alemania|alemanha|allemagne|germania|duitsland|德国|ドイツ|niemcy|niemiec",
    "AT": "austria|österreich|autriche", "CH": "switzerland|schweiz|suisse|svizzera|suiza",
    "BE": "belgium|belgië|belgique|belgien|bélgica",
    "NL": "netherlands|nederland|holland|países bajos|pays-bas",
    "LU": "luxembourg|luxemburg", "IT": "italy|italia|italien|italie|意大利|イタリア",
    "ES": "spain|españa|espanha|espagne|spanien|spagna|西班牙|スペイン", "PT": "portugal",
    "PL": "poland|polska|polen|pologne|polonia", "CZ": "czechia|czech republic|česko|tschechien",
    "SK": "slovakia|slovensko|slowakei", "HU": "hungary|magyarország|ungarn",
    "SE": "sweden|sverige|schweden|suède", "NO": "norway|norge|norwegen", "DK": "denmark|danmark|dänemark",
    "FI": "finland|suomi|finnland", "GR": "greece|ελλάδα|griechenland|grèce", "TR": "turkey|türkiye|turquía",
    "RU": "russia|россия", "UA": "ukraine|україна|ucrania", "IL": "israel|ישראל",
    "AE": "united arab emirates|uae|الإمارات", "SA": "saudi arabia|السعودية", "EG": "egypt|مصر",
    "MA": "morocco|maroc|المغرب", "IN": "india|भारत|इंडिया|hindustan|हिंदुस्तान", "ID": "indonesia",
    "MY": "malaysia",
    "SG": "singapore|singapura", "TH": "thailand|ประเทศไทย|ไทย", "VN": "vietnam|việt nam",
    "PH": "philippines|pilipinas",
    "JP": "japan|日本|japón|japon|japão", "KR": "south korea|korea|대한민국|한국",
    "CN": "china|中国|chine|中華人民共和国", "TW": "taiwan|台灣|台湾", "HK": "hong kong|香港",
    "AU": "australia|australien|australie|úc", "NZ": "new zealand|nouvelle-zélande", "ZA": "south africa",
    "CY": "cyprus|chypre|zypern|chipre|cipro", "MT": "malta", "IS": "iceland|ísland", "EE": "estonia|eesti",
    "LV": "latvia|latvija", "LT": "lithuania|lietuva", "SI": "slovenia|slovenija", "HR": "croatia|hrvatska",
    "RO": "romania|românia", "BG": "bulgaria", "RS": "serbia|srbija", "KZ": "kazakhstan",
    "QA": "qatar|قطر", "KW": "kuwait|الكويت", "BH": "bahrain|البحرين", "OM": "oman|عمان",
    "JO": "jordan|الأردن",
    "PK": "pakistan", "BD": "bangladesh", "LK": "sri lanka", "NP": "nepal",
}  # fmt: skip
# Declined forms of names that end in a vowel: "wysyłka do Polski", "доставка в Россию", "в Україну".
_ENDINGS = {
    "pl": ("i", "y", "ę", "e"),
    "ru": ("и", "ю", "ы", "у", "е", "ей", "ой"),
    "uk": ("и", "і", "у", "ю", "ї", "ою"),
}
# Prepositions written onto the word: "לפולין" (to Poland), "لألمانيا" (to Germany).
_PREFIXES = {"he": ("ל", "ב", "מ", "ו"), "ar": ("ل", "ب", "و")}


def _forms(name: str, language: str) -> set[str]:
    forms = {name}
    # Only names in -a/-я decline regularly (Polska, Rosja, Россия, Україна); "Chile" does not, and
    # would otherwise make "chili" a country.
    if language in _ENDINGS and name[-1] in "aая" and " " not in name:
        forms |= {name[:-1] + ending for ending in _ENDINGS[language]}
    if language == "pl" and name.endswith("y") and " " not in name:
        forms.add(name[:-1])  # plural names: Czechy → do Czech, Włochy → do Włoch
    for prefix in _PREFIXES.get(language, ()):
        forms.add(prefix + name)
        if language == "ar" and name.startswith("ال"):
            forms.add(prefix + "ل" + name[2:])  # ل + الصين is written للصين
    return forms


@cache
def _cldr_names(language: str) -> dict[str, str]:
    """The countries above as CLDR names them in ``language``, with declined forms.

    Per language, because a name in one is a word in another ("Chili" is Chile in French). Names of
    three letters or fewer in spaced scripts are left out: "Đức" (Germany in Vietnamese) is also a
    given name, and the shipping question looks for a country anywhere in the message.
    """
    names: dict[str, str] = {}
    try:
        territories = Locale.parse(base_language(language)).territories
    except (ValueError, UnknownLocaleError):
        return names
    for code in COUNTRIES:
        name = territories.get(code, "").casefold()
        if "(" in name or (len(name) <= 3 and not re.search(r"[\u3040-\u9fff\uac00-\ud7af]", name)):
            continue
        for form in _forms(name, base_language(language)):
            names.setdefault(form, code)
    return names


_NAME_TO_CODE = {name: code for code, names in COUNTRIES.items() for name in names.split("|")}

POSTAL_CODES = {
    "US": r"\d{5}(?:-\d{4})?", "DE": r"\d{5}", "FR": r"\d{5}", "ES": r"\d{5}", "IT": r"\d{5}",
    "MX": r"\d{5}", "AT": r"\d{4}", "CH": r"\d{4}", "BE": r"\d{4}", "DK": r"\d{4}", "NO": r"\d{4}",
    "AU": r"\d{4}", "NZ": r"\d{4}", "FI": r"\d{5}", "TR": r"\d{5}", "ID": r"\d{5}", "MY": r"\d{5}",
    "TH": r"\d{5}", "UA": r"\d{5}", "IL": r"\d{7}", "TW": r"\d{3}(?:\d{2,3})?",
    "CA": r"[A-Z]\d[A-Z] ?\d[A-Z]\d", "GB": r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}",
    "IE": r"[A-Z]\d{2} ?[A-Z\d]{4}", "NL": r"\d{4} ?[A-Z]{2}", "JP": r"\d{3}-?\d{4}", "BR": r"\d{5}-?\d{3}",
    "PT": r"\d{4}-\d{3}", "PL": r"\d{2}-\d{3}", "CZ": r"\d{3} ?\d{2}", "SE": r"\d{3} ?\d{2}",
    "GR": r"\d{3} ?\d{2}", "AR": r"[A-Z]?\d{4}[A-Z]{0,3}", "KR": r"\d{5}", "IN": r"\d{6}", "CN": r"\d{6}",
    "RU": r"\d{6}", "SG": r"\d{6}", "VN": r"\d{5,6}", "HK": "", "AE": "",
}  # fmt: skip
_GENERIC_POSTAL = r"\d{4,6}"
_JAPANESE = re.compile(r"(?P<region>.{2,3}?[都道府県])?(?P<city>.+?[市区町村郡])(?P<line1>.+)")
_US_STATE = re.compile(r"^[A-Z]{2}$")


def country_code(text: str) -> str | None:
    """The ISO code of a country named in ``text`` ("Deutschland", "DE", "日本"), if it is only that."""
    clean = text.strip().strip(".").strip()
    if len(clean) == 2 and clean.isalpha() and clean.upper() in COUNTRIES:
        return clean.upper()
    return _NAME_TO_CODE.get(clean.casefold())


def find_country(text: str, language: str = "en") -> tuple[str, str] | None:
    """A country named anywhere in ``text`` (written in ``language``): its ISO code and the name as the
    customer wrote it."""
    folded = fold(text)
    found = [
        (folded.find(key), code, name)
        for key, code, name in _searched(base_language(language))
        if _mentions(folded, key)
    ]
    upper_codes = [(text.find(w), w, w) for w in re.findall(r"\b[A-Z]{2}\b", text) if w in COUNTRIES]
    if not found and not upper_codes:
        return None
    _, code, name = min(found + upper_codes, key=lambda f: (f[0], -len(f[2])))
    return code, name if name.isupper() else name.title()


@cache
def _searched(language: str) -> tuple[tuple[str, str, str], ...]:
    """(folded name, code, name) of every country name a text in ``language`` may use, folded once."""
    names = _cldr_names("en") | _cldr_names(language) | _NAME_TO_CODE
    return tuple((key, code, name) for name, code in names.items() if (key := fold(name).strip()))


def _mentions(folded: str, key: str) -> bool:
    if re.search(r"[\u3040-\u9fff\u0e00-\u0e7f]", key):
        return key in folded
    if re.search(r"[\uac00-\ud7af]$", key):
        # Korean writes particles onto the name ("한국으로도", "미국에"); "한국어" is the language
        return re.search(rf" {re.escape(key)}(?!어)", folded) is not None
    return f" {key} " in folded


def parse_address(text: str, *, name: str = "", default_country: str = "") -> Address | None:
    """An address from free text, or None when a part is missing or doubtful.

    ``name`` and ``default_country`` come from the order's current address when the customer leaves
    them out; the read-back before any change shows them, so the customer can still correct them.
    """
    text = _digits_and_width(text)
    if ":" in text.split("\n", 1)[0]:
        text = text.split(":", 1)[1]
    parts = [p.strip() for p in re.split(r"\n|,|;|、|，", text) if p.strip()]
    country = _take_country(parts) or ("JP" if "〒" in text else default_country.upper())
    if not parts or not country:
        return None
    if country == "JP" and re.search(r"[\u3040-\u9fff]", text):
        return _japanese(parts, name, country)
    return _western(parts, name, country)


def _digits_and_width(text: str) -> str:
    """Digits of any script and full-width forms ("１２３－４５", common in Japan) as ASCII; everything
    else as typed: NFKC on the whole text would make the Spanish floor "3º" a "3o"."""
    return "".join(normalize_digits(c) if c.isdigit() or "\uff01" <= c <= "\uff5e" else c for c in text)


def _take_country(parts: list[str]) -> str | None:
    """Remove and return a country named in the last part, alone or after the city ("Berlin Germany")."""
    if not parts:
        return None
    code = country_code(parts[-1])
    if code:
        parts.pop()
        return code
    words = parts[-1].split()
    for size in (3, 2, 1):
        if len(words) > size and (code := country_code(" ".join(words[-size:]))):
            parts[-1] = " ".join(words[:-size])
            return code
    return None


def postal_codes(text: str, country: str) -> list[str]:
    """Every postal code of ``country``'s form in ``text``, in order ("die PLZ ist 10117, nicht 10171")."""
    found = _postal_pattern(country)
    return [m.group(1).upper() for m in found.finditer(_digits_and_width(text))] if found else []


def _postal_code(text: str, country: str) -> re.Match[str] | None:
    """Where the country's postal code is in ``text``; countries without postal codes have none."""
    found = _postal_pattern(country)
    return found.search(text) if found else None


@cache
def _postal_pattern(country: str) -> re.Pattern[str] | None:
    pattern = POSTAL_CODES.get(country, _GENERIC_POSTAL)
    if not pattern:
        return None
    return re.compile(rf"(?<![A-Za-z0-9-])(?:〒\s?)?({pattern})(?![A-Za-z0-9-])", re.IGNORECASE)


def _western(parts: list[str], name: str, country: str) -> Address | None:
    for index in range(len(parts) - 1, 0, -1):
        match = _postal_code(parts[index], country)
        if match is None:
            continue
        postal = match.group(1).upper()
        city_part = (parts[index][: match.start()] + " " + parts[index][match.end() :]).strip()
        # what follows the postal code is the region ("Mumbai 400053, Maharashtra"): never dropped
        region = ", ".join(parts[index + 1 :])
        before = parts[:index]
        if _US_STATE.match(city_part) or not city_part:
            region, city_part = ", ".join(filter(None, (city_part, region))), (before.pop() if before else "")
        return _assemble(before, name, city_part, postal, region, country)
    return None


def _assemble(
    before: list[str], name: str, city: str, postal: str, region: str, country: str
) -> Address | None:
    streets = [i for i, p in enumerate(before) if re.search(r"\d", p)]
    if not city or not streets or re.search(r"\d", city):
        return None
    first = streets[0]
    named = [p for p in before[:first] if not re.search(r"\d", p)]
    line2 = ", ".join(before[first + 1 :])
    who = named[-1] if named else name
    if not who:
        return None
    return Address(who, before[first], city, postal, country, line2=line2, region=region)


def _japanese(parts: list[str], name: str, country: str) -> Address | None:
    """Japanese order: 〒postal code, prefecture, city, then the rest; a line without digits is the name."""
    named = [p for p in parts if not re.search(r"\d|[都道府県市区町村〒]", p)]
    joined = "".join(p.replace(" ", "") for p in parts if p not in named)
    match = _postal_code(joined, "JP")
    if match is None:
        return None
    rest = (joined[: match.start()] + joined[match.end() :]).replace("〒", "")
    place = _JAPANESE.fullmatch(rest)
    who = named[0] if named else name
    if place is None or not re.search(r"\d", place["line1"]) or not who:
        return None
    return Address(who, place["line1"], place["city"], match.group(1), country, region=place["region"] or "")


def one_line(address: Address, language: str | None = None) -> str:
    """The address as the customer reads it back: every part, comma-separated; the country by its
    name in ``language`` when given ("Nederland", not "NL")."""
    place = " ".join(p for p in (address.postal_code, address.city) if p)
    country = country_name(address.country, language) if language and address.country else address.country
    parts = (address.name, address.line1, address.line2, place, address.region, country)
    return ", ".join(p for p in parts if p)


# A correction of one part of an address is short: "c'est bâtiment B, pas A", "flat 21 not 12".
_PART_CORRECTION_WORDS = 12
_WORD = re.compile(r"\w+")
_FIXABLE = ("line1", "line2", "city")


def part_corrected(text: str, address: Address) -> Address | None:
    """``address`` with one part replaced as a short correction names it, by the word beside it that
    the address already has: "bâtiment B" against "bâtiment A", "Herzl 15" against "Herzl 12", "16 rue"
    against "14 rue". Only a value of the same kind is replaced (a number by a number, a letter by a
    letter), so "c'est bien rue des Lilas" changes nothing."""
    said = _WORD.findall(text)
    if len(said) > _PART_CORRECTION_WORDS:
        return None
    for field in _FIXABLE:
        value: str = getattr(address, field)
        tokens = list(_WORD.finditer(value))
        known = [t.group().casefold() for t in tokens]
        for i, word in enumerate(said):
            if word.casefold() not in known or word.isdigit():
                continue
            at = known.index(word.casefold())
            for new, old in (
                (said[i + 1 : i + 2], tokens[at + 1 : at + 2]),
                (said[i - 1 : i] if i else [], tokens[at - 1 : at] if at else []),
            ):
                if new and old and _replaces(new[0], old[0].group()):
                    fixed = value[: old[0].start()] + new[0] + value[old[0].end() :]
                    return replace(address, **{field: fixed})
    return None


def _replaces(new: str, old: str) -> bool:
    """A different value of the same kind: a house or flat number, or a block letter."""
    if new.casefold() == old.casefold():
        return False
    if old.isdigit() or any(ch.isdigit() for ch in old):
        return any(ch.isdigit() for ch in new)
    return len(old) <= 2 and len(new) <= 2 and new.isalpha()
