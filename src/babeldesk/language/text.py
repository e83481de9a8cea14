"""The words of a message that carry its language, with their places in the text.

URLs, e-mail addresses, @handles, #references, anything with a digit in it (order and tracking
numbers, prices, dates), emoticons and acronyms say nothing about the language; they are masked
before detection so that "#1001" or "jane@example.com" cannot sway it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import NamedTuple

from babeldesk.language.scripts import HAN, HANGUL, KANA, LATIN, script_of

_MASKED = re.compile(
    r"""
      (?:https?://|www\.)\S+                     # URLs
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+               # e-mail addresses
    | [\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*        # bare domains with a path
    | [@\#]\w+\#?                                # handles, hashtags, "#1001", "#NAME#"
    | [0-9A-Za-z'’-]*\d[0-9A-Za-z'’./:-]*        # anything with a digit: numbers, codes, dates
    | (?<!\w)[:;=8][-'^]?[)(\]\[DPpOo3|/\\*]+(?!\w)   # emoticons
    """,
    re.VERBOSE,
)
# Letters, plus the combining marks that Indic, Thai, Hebrew and Arabic words are written with.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0dff\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1-\u0ebc\u0ec8-\u0ecd\u102b-\u103e"
    "\u17b4-\u17d3\u200c\u200d\u3099\u309a"
)
_WORD = re.compile(rf"[^\W\d_](?:[^\W\d_]|[{_MARKS}])*(?:['’´`ʼ](?:[^\W\d_]|[{_MARKS}])+)*")
_APOSTROPHES = str.maketrans({"’": "'", "´": "'", "`": "'", "ʼ": "'"})

# Chinese, Japanese and Korean words are not separated by spaces; a run of them is one "word".
CJK = "CJK"
_GROUP = {HAN: CJK, KANA: CJK, HANGUL: CJK}


class Word(NamedTuple):
    start: int
    end: int
    text: str
    script: str  # the script group of its letters: "Latn", "Cyrl", "CJK", "Thai" …
    key: str  # the form word lists are keyed by: case-folded, one kind of apostrophe


def word_key(text: str) -> str:
    return text.translate(_APOSTROPHES).casefold().replace("i̇", "i")


def mask(text: str) -> str:
    """The text with non-linguistic tokens blanked out; offsets stay the same."""
    return _MASKED.sub(lambda m: " " * len(m.group()), text)


def words(text: str) -> list[Word]:
    """The words of the text, split where the script changes ("我的iPhone" is two words)."""
    masked = mask(text)
    # in text written all in capitals, short capitalised words are words, not acronyms
    shouting = not any(c.islower() or (c.isalpha() and not c.isupper()) for c in masked)
    found: list[Word] = []
    for match in _WORD.finditer(masked):
        offset = match.start()
        for first, last, script in _script_runs(match.group()):
            token = text[offset + first : offset + last]
            if script is None:
                continue
            if not shouting and token.isupper() and 2 <= len(token) <= 5 and script != CJK:
                continue  # an acronym (EU, OP, PDF) inside ordinary text
            found.append(Word(offset + first, offset + last, token, script, word_key(token)))
    return _without_spelling(found)


# A name spelled out letter by letter ("J O H N", "s a n a") says nothing about the language.
SPELLED_RUN = 3


def _without_spelling(found: list[Word]) -> list[Word]:
    kept: list[Word] = []
    run: list[Word] = []
    for word in [*found, None]:
        if word is not None and word.end - word.start == 1 and word.script != CJK:
            run.append(word)
            continue
        if len(run) < SPELLED_RUN:
            kept.extend(run)
        run = []
        if word is not None:
            kept.append(word)
    return kept


@lru_cache(maxsize=1 << 16)
def _script_runs(token: str) -> tuple[tuple[int, int, str | None], ...]:
    """Where the script changes inside a token (positions relative to it). Cached: chat repeats its
    words, and finding a letter's script is the costly part of reading a message."""
    if token.isascii():
        return ((0, len(token), LATIN),)
    runs: list[tuple[int, int, str | None]] = []
    current: str | None = None
    start = 0
    for i, char in enumerate(token):
        script = script_of(char)
        if script is None:
            continue  # a combining mark or apostrophe belongs to the run it is in
        group = _GROUP.get(script, script)
        if current is None:
            current = group
        elif group != current:
            runs.append((start, i, current))
            current, start = group, i
    runs.append((start, len(token), current))
    return tuple(runs)


def letter_count(found: list[Word]) -> int:
    return sum(w.end - w.start for w in found)


def scripts_in(found: list[Word]) -> Counter[str]:
    """Letters per script (with Han, kana and Hangul counted apart, for the CJK rule)."""
    counts: Counter[str] = Counter()
    for word in found:
        counts.update(s for s in map(script_of, word.text) if s is not None)
    return counts
