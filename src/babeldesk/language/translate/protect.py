"""Protected spans and the glossary: what no engine may change, enforced by masking.

Before a text goes to any engine, every span that must come back unchanged (order and tracking
numbers, emails, URLs, phones, prices, code-like tokens, the workspace's never-translate terms) and
every term with a fixed translation is replaced by a numbered placeholder ``[[1]]``, ``[[2]]`` … .
After the engine answers, the placeholders are put back (fixed terms in the target language) and
checked: each must come back exactly once. Engines bend placeholders in predictable ways (spaces
inside, full-width or other brackets, markdown escapes, digits of another script, a new order) and
``restore`` accepts all of those; a dropped, duplicated or invented placeholder makes the text fail
the check, and the caller re-translates it piece by piece (``pieces``/``rebuild``), where the
protected spans never reach the engine at all.

Pure functions over plain data; no I/O.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from babeldesk.language.translate.base import base_language


class SpanKind(StrEnum):
    NEVER_TRANSLATE = "never_translate"
    FIXED = "fixed"
    PLACEHOLDER = "placeholder"  # text that already looks like one of our placeholders
    URL = "url"
    EMAIL = "email"
    PRICE = "price"
    ORDER_NUMBER = "order_number"
    TRACKING_NUMBER = "tracking_number"
    PHONE = "phone"
    NUMBER = "number"  # a long run of digits: an order, account or parcel number
    CODE = "code"


class TermKind(StrEnum):
    NEVER_TRANSLATE = "never_translate"
    FIXED = "fixed"


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    kind: TermKind
    # Target language (BCP-47) → the translation to use; only for FIXED terms.
    translations: Mapping[str, str] = field(default_factory=dict)

    def translation_for(self, target: str) -> str | None:
        if target in self.translations:
            return self.translations[target]
        wanted = base_language(target)
        for language, text in self.translations.items():
            if base_language(language) == wanted:
                return text
        return None


@dataclass(frozen=True)
class Glossary:
    """A workspace's terms. ``version`` changes with every edit; translation caches key on it."""

    terms: tuple[GlossaryTerm, ...] = ()
    version: int = 0

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        words = sorted({t.term for t in self.terms if t.term.strip()}, key=len, reverse=True)
        if not words:
            return None
        return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)

    @cached_property
    def _by_key(self) -> dict[str, list[GlossaryTerm]]:
        found: dict[str, list[GlossaryTerm]] = {}
        for term in self.terms:
            found.setdefault(term.term.casefold(), []).append(term)
        return found

    def find(self, text: str, target: str) -> list[_Candidate]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            if not _standalone(text, match.start(), match.end()):
                continue
            candidate = self._candidate(match.group(0), match.start(), match.end(), target)
            if candidate is not None:
                found.append(candidate)
        return found

    def _candidate(self, written: str, start: int, end: int, target: str) -> _Candidate | None:
        terms = self._by_key.get(written.casefold(), [])
        if any(t.kind is TermKind.NEVER_TRANSLATE for t in terms):
            return _Candidate(start, end, SpanKind.NEVER_TRANSLATE, written)
        for term in terms:
            fixed = term.translation_for(target)
            if fixed is not None:
                return _Candidate(start, end, SpanKind.FIXED, _match_case(written, fixed))
        return None  # a fixed term with no translation for this language: the engine translates it


@dataclass(frozen=True)
class ProtectedSpan:
    kind: SpanKind
    text: str  # as written in the source
    replacement: str  # what goes back: the same text, or the fixed translation


@dataclass(frozen=True)
class Masked:
    source: str
    text: str  # the source with each span replaced by its placeholder
    spans: tuple[ProtectedSpan, ...]  # spans[i] is placeholder i + 1
    # The source cut at the spans: strings to translate, ints that index ``spans``.
    parts: tuple[str | int, ...]

    @property
    def needs_engine(self) -> bool:
        """False when nothing but spans, digits, punctuation and spaces is left to translate."""
        return any(isinstance(p, str) and _has_letters(p) for p in self.parts)

    def pieces(self) -> list[str]:
        """The translatable pieces between spans, trimmed, for a piece-by-piece translation."""
        return [p.strip() for p in self.parts if isinstance(p, str) and _has_letters(p)]

    def rebuild(self, translated_pieces: Sequence[str]) -> str:
        """The translation put together from ``pieces()``'s translations, spans restored as written."""
        translations = iter(translated_pieces)
        out = []
        for part in self.parts:
            if isinstance(part, int):
                out.append(self.spans[part].replacement)
            elif _has_letters(part):
                lead = part[: len(part) - len(part.lstrip())]
                trail = part[len(part.rstrip()) :]
                out.append(lead + next(translations).strip() + trail)
            else:
                out.append(part)
        return "".join(out)

    def restore(self, translated: str) -> Restored:
        return restore(translated, self)


@dataclass(frozen=True)
class Restored:
    text: str
    # Source spans that did not come back exactly once, and placeholders the engine made up.
    lost: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.lost


def placeholder(number: int) -> str:
    return f"[[{number}]]"


# What engines make of ``[[7]]``: "[[ 7 ]]", "［［７］］", "【【7】】", "\[\[7\]\]", "[[٧]]" …
_OPEN = r"\\?[\[［【〚⟦]"
_CLOSE = r"\\?[\]］】〛⟧]"
PLACEHOLDER_PATTERN = re.compile(rf"{_OPEN}\s*{_OPEN}\s*(\d{{1,4}})\s*{_CLOSE}\s*{_CLOSE}")


def mask(text: str, glossary: Glossary | None = None, *, target: str) -> Masked:
    """Replace every protected span of ``text`` by a numbered placeholder."""
    candidates = [
        _Candidate(m.start(), m.end(), SpanKind.PLACEHOLDER, m.group(0))
        for m in PLACEHOLDER_PATTERN.finditer(text)
    ]
    if glossary is not None:
        candidates += glossary.find(text, target)
    candidates += _automatic(text)
    chosen = _non_overlapping(candidates)
    spans: list[ProtectedSpan] = []
    parts: list[str | int] = []
    masked: list[str] = []
    position = 0
    for candidate in chosen:
        if candidate.start > position:
            parts.append(text[position : candidate.start])
            masked.append(text[position : candidate.start])
        spans.append(
            ProtectedSpan(candidate.kind, text[candidate.start : candidate.end], candidate.replacement)
        )
        parts.append(len(spans) - 1)
        masked.append(placeholder(len(spans)))
        position = candidate.end
    if position < len(text):
        parts.append(text[position:])
        masked.append(text[position:])
    return Masked(text, "".join(masked), tuple(spans), tuple(parts))


def restore(translated: str, masked: Masked) -> Restored:
    """Put the spans back into an engine's translation and check each came back exactly once."""
    seen: Counter[int] = Counter()
    invented: list[str] = []

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if not 1 <= number <= len(masked.spans):
            invented.append(match.group(0))
            return match.group(0)
        seen[number] += 1
        # an engine escapes every bracket ("\\[\\[7\\]\\]"); one backslash before is the text's own
        own = match.group(0).startswith("\\") and match.group(0).count("\\") == 1
        return ("\\" if own else "") + masked.spans[number - 1].replacement

    text = PLACEHOLDER_PATTERN.sub(put_back, translated)
    lost = [span.text for number, span in enumerate(masked.spans, start=1) if seen[number] != 1]
    return Restored(text, tuple(lost + invented))


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    kind: SpanKind
    replacement: str


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """The spans that together cover the most text; of equal covers, the one with fewer spans, then
    the earlier kinds in ``SpanKind`` (glossary before patterns). Covering the most is what reads
    "1 EUR 10 EUR" as two prices rather than "EUR 10" alone, and keeps "ORD-2015-0001 $1.00" a code
    and a price; where a longer span overlaps one shorter span it wins, as it should."""
    order = {kind: rank for rank, kind in enumerate(SpanKind)}
    ranked = sorted(candidates, key=lambda c: (c.end, c.start))
    ends = [c.end for c in ranked]
    # best[i]: the best choice among the first i candidates, as (covered, -spans, -ranks) and the choice
    best: list[tuple[tuple[int, int, int], tuple[_Candidate, ...]]] = [((0, 0, 0), ())]
    for i, candidate in enumerate(ranked):
        before = bisect_right(ends, candidate.start, 0, i)  # the candidates that end before it starts
        (covered, spans, ranks), chosen = best[before]
        taken = (covered + candidate.end - candidate.start, spans - 1, ranks - order[candidate.kind])
        best.append(max(best[i], (taken, (*chosen, candidate)), key=lambda b: b[0]))
    return sorted(best[-1][1], key=lambda c: c.start)


# No ASCII letter or digit on either side; CJK or Thai neighbours are fine (those scripts have no spaces).
_L = r"(?<![A-Za-z0-9])"
_R = r"(?![A-Za-z0-9])"
_CURRENCY_SIGN = r"(?:US\$|R\$|C\$|A\$|HK\$|NT\$|S\$|NZ\$|MX\$|[$€£¥₹₩₽₺฿₫₪₱₴₦₲₡])"
_CURRENCY_CODE = (
    r"(?:USD|EUR|GBP|JPY|CNY|RMB|INR|KRW|RUB|TRY|THB|VND|IDR|MYR|BRL|MXN|CAD|AUD|NZD|CHF|PLN|SEK|NOK"
    r"|DKK|CZK|HUF|ILS|AED|SAR|SGD|HKD|TWD|PHP|UAH|ZAR|RON)"
)
_CURRENCY_WORD = r"(?:(?:zł|kr|Kč|Ft|lei|руб|грн|đ)(?!\w)|元|円|원|บาท)"
# 1,27,995.50 (Indian lakh grouping) · 1,299.00 · 1.299,00 · 1 299,00 (no-break spaces) · 12.5 · 20
_AMOUNT = (
    r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?"
    r"|\d{1,3}(?:[.,'\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
)

_PATTERNS: tuple[tuple[SpanKind, re.Pattern[str]], ...] = (
    (SpanKind.URL, re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>\"'`]+", re.IGNORECASE)),
    (
        SpanKind.EMAIL,
        re.compile(rf"{_L}[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}{_R}"),
    ),
    (
        SpanKind.PRICE,
        re.compile(
            rf"(?:{_CURRENCY_SIGN}|{_L}{_CURRENCY_CODE})\s?(?:{_AMOUNT})(?!\d)"
            rf"|{_L}(?:{_AMOUNT})\s?(?:{_CURRENCY_SIGN}|{_CURRENCY_CODE}{_R}|{_CURRENCY_WORD})"
        ),
    ),
    (SpanKind.ORDER_NUMBER, re.compile(r"#\s?(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,}" + _R)),
    (
        SpanKind.TRACKING_NUMBER,
        re.compile(
            # UPS; UPU S10 (RR123456785CN); digits in groups of four as printed on labels
            rf"{_L}(?:1Z[0-9A-Z]{{16}}|[A-Z]{{2}}\d{{9}}[A-Z]{{2}}"
            rf"|\d{{4}}(?: \d{{4}}){{3,5}}(?: \d{{1,4}})?){_R}"
        ),
    ),
    (
        SpanKind.PHONE,
        re.compile(
            rf"(?:\+|{_L}00)\d{{1,3}}(?:[\s.-]?\(?\d{{1,5}}\)?){{2,6}}{_R}"
            # not the tail of a code: "ORD-2015-0001 100 EUR" holds no phone number
            rf"|(?<![A-Za-z0-9-])\(?\d{{2,4}}\)?[\s.-]\d{{3,4}}[\s.-]\d{{3,4}}{_R}"
        ),
    ),
    (SpanKind.NUMBER, re.compile(rf"{_L}\d{{5,}}{_R}")),
    (
        SpanKind.CODE,
        re.compile(
            rf"{_L}(?=[A-Za-z0-9_/-]*\d)(?=[A-Za-z0-9_/-]*[A-Za-z])[A-Za-z0-9]+(?:[-_/][A-Za-z0-9]+)*{_R}"
        ),
    ),
)

# "10am", "2nd", "5kg", "64GB": a number with a unit reads as a word, and engines handle it well.
_NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:[.,]\d+)?(?:st|nd|rd|th|am|pm|h|hr|hrs|min|mins|s|sec|x|kg|g|mg|lb|lbs|oz|cm|mm|m|km|ml|l"
    r"|gb|mb|tb|k|mp|p|fps|hz|w|v|mah|in|ft|pcs|pc|d|y|yr|yrs)",
    re.IGNORECASE,
)
_URL_TRAILING = ".,;:!?)]}'\"’”»"


# Prices are read at every position, overlapping: in "1 EUR 1 EUR" the middle "EUR 1" competes with
# both, and the choice of spans (``_non_overlapping``) keeps the two that cover the most.
_OVERLAPPING = frozenset({SpanKind.PRICE})


def _automatic(text: str) -> list[_Candidate]:
    found = []
    for kind, pattern in _PATTERNS:
        matches = _every_start(pattern, text) if kind in _OVERLAPPING else pattern.finditer(text)
        for match in matches:
            written = match.group(0)
            if kind is SpanKind.URL:
                readings = [_trim_url(written)]
            elif kind is SpanKind.PHONE:
                # also without its last group, which may be the amount of a price that follows
                # ("+1 100 1000 1000 1 EUR"): the choice of spans decides which reading covers more
                readings = [_trim_phone(written), _trim_phone(_without_last_group(written))]
            else:
                readings = [written]
            for reading in dict.fromkeys(readings):
                end = match.start() + len(reading)
                if _plausible(kind, text[match.start() : end]):
                    found.append(_Candidate(match.start(), end, kind, text[match.start() : end]))
    return found


def _every_start(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The pattern's match at each position where one starts, overlapping ones included."""
    found = []
    position = 0
    while (match := pattern.search(text, position)) is not None:
        found.append(match)
        position = match.start() + 1
    return found


def _trim_url(url: str) -> str:
    """A URL at the end of a sentence or inside brackets loses the punctuation that is not its own."""
    while url and url[-1] in _URL_TRAILING:
        closing = url[-1]
        opening = {")": "(", "]": "[", "}": "{"}.get(closing)
        if opening is not None and url.count(opening) >= url.count(closing):
            break
        url = url[:-1]
    return url


_GROUP_BREAK = re.compile(r"[\s.-]")


def _without_last_group(phone: str) -> str:
    breaks = [m.start() for m in _GROUP_BREAK.finditer(phone)]
    return phone[: breaks[-1]].rstrip(" \t\n.-(") if breaks and breaks[-1] > 0 else phone


def _trim_phone(phone: str) -> str:
    """At most 15 digits (E.164): a number written right after a phone number is not part of it."""
    while sum(c.isdigit() for c in phone) > 15 and (shorter := _without_last_group(phone)) != phone:
        phone = shorter
    return phone


def _plausible(kind: SpanKind, found: str) -> bool:
    if kind is SpanKind.PHONE:
        return 7 <= sum(c.isdigit() for c in found) <= 15
    if kind is SpanKind.CODE:
        return len(found) >= 4 and _NUMBER_WITH_UNIT.fullmatch(found) is None
    return True


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _standalone(text: str, start: int, end: int) -> bool:
    """A glossary term matches a whole word, not the inside of one ("FBA" is not in "FBAX")."""

    def joins(a: str, b: str) -> bool:
        return a.isalnum() and b.isalnum() and not (_unspaced(a) or _unspaced(b))

    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not joins(before, text[start]) and not joins(text[end - 1], after)


def _unspaced(char: str) -> bool:
    """Scripts written without spaces between words: CJK, kana, Thai, Lao, Khmer, Myanmar."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0x0E00 <= code <= 0x0EFF
        or 0x1000 <= code <= 0x109F
        or 0x1780 <= code <= 0x17FF
        or 0x20000 <= code <= 0x3FFFF
    )


def _match_case(written: str, translation: str) -> str:
    """At the start of a sentence, "Refund" gives "Reembolso", not "reembolso"."""
    if written[:1].isupper() and not written.isupper() and translation[:1].islower():
        return translation[:1].upper() + translation[1:]
    return translation
