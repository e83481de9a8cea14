"""The bot's sentences: one JSON file per language in ``library/``, keyed like ``en.json``.

English is the source: every other file must have its keys and, per key, exactly its placeholders
(``{order}``, ``{date}`` …), because the values are filled in by code that only knows the English. A
key a language lacks falls back to English, so a half-done translation degrades to English rather than
to an error in front of a customer; ``problems()`` names every such gap.

A text that counts something may have plural variants, ``key#one``, ``key#few`` … (CLDR plural
categories), in any file: the reply's one integer placeholder picks the variant its language's plural
rules name ("1 business day", "21 рабочего дня"), else the plain ``key``. A language writes only the
variants its grammar needs; the English ``key#one`` does not oblige the others.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from babeldesk.language.translate.base import language_subtags

log = logging.getLogger(__name__)

LIBRARY_DIR = Path(__file__).parent / "library"
SOURCE = "en"

# Only plain names: str.format would also accept attribute access and format specs in a translation.
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
# A placeholder and the full stop after it: a value that ends a sentence with its own ("12 марта
# 2025 г.", "Co. Ltd.") takes the template's place.
_FILLED = re.compile(PLACEHOLDER.pattern + r"(\.(?!\.))?")
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})


def _filled(value: str, stop: str | None) -> str:
    return value if value.endswith(".") else value + (stop or "")


# Chinese is split by script, not by language: the region says which script its readers expect.
_TRADITIONAL_REGIONS = frozenset({"TW", "HK", "MO"})


class ReplyError(Exception):
    """The library was asked for something it cannot produce; the message says what to fix."""


class UnknownReply(ReplyError):
    """No such key in the English source."""


class MissingParameter(ReplyError):
    """A placeholder of the text was not given a value."""


class LibraryInvalid(ReplyError):
    """Strict loading found problems in the translation files."""


class ProblemKind(StrEnum):
    MISSING_KEY = "missing_key"
    EXTRA_KEY = "extra_key"
    PLACEHOLDERS = "placeholders"
    STRAY_BRACE = "stray_brace"
    NOT_TEXT = "not_text"
    VARIANT = "variant"


@dataclass(frozen=True)
class Problem:
    language: str
    key: str
    kind: ProblemKind
    detail: str

    def __str__(self) -> str:
        return f"{self.language}/{self.key}: {self.kind.value} ({self.detail})"


def placeholders(text: str) -> frozenset[str]:
    return frozenset(PLACEHOLDER.findall(text))


def split_variant(key: str) -> tuple[str, str | None]:
    """``"shipping_info#one"`` → ``("shipping_info", "one")``; a plain key has no category."""
    base, mark, category = key.partition("#")
    return (base, category) if mark else (key, None)


@cache
def plural_category(count: int, language: str) -> str:
    """CLDR's plural category of ``count`` in ``language`` ("one", "few", …; "other" if unknown)."""
    try:
        return str(Locale.parse(language.split("-")[0]).plural_form(abs(count)))
    except (UnknownLocaleError, ValueError):
        return "other"


@dataclass(frozen=True)
class ReplyLibrary:
    """Texts by language code (as in the file names), then by key."""

    texts: Mapping[str, Mapping[str, str]]

    def languages(self) -> list[str]:
        return sorted(self.texts)

    def has(self, key: str) -> bool:
        return "#" not in key and key in self.texts[SOURCE]

    def resolve(self, language: str | None) -> str:
        """The file serving a BCP-47 ``language``: exact, then by script or base language, then English."""
        if not language or not language.strip():
            return SOURCE
        by_lower = {code.lower(): code for code in self.texts}
        wanted = language.strip().replace("_", "-")
        if wanted.lower() in by_lower:
            return by_lower[wanted.lower()]
        base, script_or_region = language_subtags(wanted)
        if f"{base}-{script_or_region}".lower() in by_lower:  # "hi-Latn-IN" → hi-Latn
            return by_lower[f"{base}-{script_or_region}".lower()]
        if base == "zh":
            traditional = script_or_region == "Hant" or script_or_region in _TRADITIONAL_REGIONS
            base = "zh-hant" if traditional else "zh-hans"
        return by_lower.get(base, SOURCE)

    def text(self, key: str, language: str | None, count: int | None = None) -> str:
        """The text of ``key`` in ``language``; with ``count``, the plural variant it calls for."""
        if not self.has(key):
            raise UnknownReply(f"no reply {key!r} in the English library")
        code = self.resolve(language)
        own, english = self.texts[code], self.texts[SOURCE]
        if count is not None:
            variant = f"{key}#{plural_category(count, code)}"
            if variant in own:
                return own[variant]
            if key not in own and variant in english:  # the English it falls back to, in its own number
                return english[variant]
        text = own.get(key)
        return text if isinstance(text, str) else english[key]

    def render(self, key: str, language: str | None, /, **params: object) -> str:
        """The text of ``key`` in ``language`` with every placeholder filled; extra params are ignored."""
        named = placeholders(self.text(key, SOURCE))
        counts = [value for name, value in params.items() if name in named and type(value) is int]
        text = self.text(key, language, counts[0] if len(counts) == 1 else None)
        missing = sorted(placeholders(text) - params.keys())
        if missing:
            raise MissingParameter(f"reply {key!r} needs {', '.join(missing)}")
        return _FILLED.sub(lambda m: _filled(str(params[m.group(1)]), m.group(2)), text)

    def problems(self) -> list[Problem]:
        source = self.texts[SOURCE]
        found = [p for key, text in source.items() for p in _text_problems(SOURCE, key, text, None)]
        for language in self.languages():
            entries = self.texts[language]
            found += _variant_problems(language, entries, source)
            if language == SOURCE:
                continue
            found += [
                Problem(language, k, ProblemKind.MISSING_KEY, "falls back to English")
                for k in source
                if k not in entries and "#" not in k
            ]
            found += [
                Problem(language, k, ProblemKind.EXTRA_KEY, "not in English")
                for k in entries
                if split_variant(k)[0] not in source
            ]
            for key, text in entries.items():
                base = split_variant(key)[0]
                if base in source:
                    found += _text_problems(language, key, text, source[base])
        return found


def _variant_problems(language: str, entries: Mapping[str, str], source: Mapping[str, str]) -> list[Problem]:
    found = []
    for key in entries:
        base, category = split_variant(key)
        if category is None or base not in source:
            continue
        if category not in PLURAL_CATEGORIES:
            found.append(
                Problem(language, key, ProblemKind.VARIANT, f"{category!r} is not a CLDR plural category")
            )
        elif not placeholders(source[base]):
            found.append(Problem(language, key, ProblemKind.VARIANT, "its text has nothing to count"))
    return found


def _text_problems(language: str, key: str, text: object, english: str | None) -> list[Problem]:
    if not isinstance(text, str) or not text.strip():
        return [Problem(language, key, ProblemKind.NOT_TEXT, "empty or not a string")]
    found = []
    outside = PLACEHOLDER.sub("", text)
    if "{" in outside or "}" in outside:
        found.append(Problem(language, key, ProblemKind.STRAY_BRACE, "a brace outside a {name} placeholder"))
    if english is not None and placeholders(text) != placeholders(english):
        want, got = sorted(placeholders(english)), sorted(placeholders(text))
        found.append(Problem(language, key, ProblemKind.PLACEHOLDERS, f"English has {want}, this has {got}"))
    return found


def load_library(directory: Path = LIBRARY_DIR, *, strict: bool = False) -> ReplyLibrary:
    """Read every ``<language>.json``; ``strict`` raises on any problem, otherwise each is logged.

    Texts that are not strings are left out (and reported), so rendering never meets one.
    """
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise LibraryInvalid(f"{path.name}: not readable JSON ({error})") from error
        if not isinstance(entries, dict):
            raise LibraryInvalid(f"{path.name}: expected an object of key → text")
        texts[path.stem] = entries
    if SOURCE not in texts:
        raise LibraryInvalid(f"no {SOURCE}.json in {directory}")
    library = ReplyLibrary(texts)
    problems = library.problems()
    if problems and strict:
        raise LibraryInvalid("; ".join(map(str, problems)))
    for problem in problems:
        log.warning("reply library: %s", problem)
    bad = {(p.language, p.key) for p in problems if p.kind is ProblemKind.NOT_TEXT}
    return ReplyLibrary(
        {lang: {k: v for k, v in entries.items() if (lang, k) not in bad} for lang, entries in texts.items()}
    )


@cache
def default_library() -> ReplyLibrary:
    return load_library()


def render(key: str, language: str | None, /, **params: object) -> str:
    return default_library().render(key, language, **params)


def languages() -> list[str]:
    return default_library().languages()


def has(key: str) -> bool:
    return default_library().has(key)
