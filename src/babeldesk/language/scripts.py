"""Which writing system a character belongs to, and what a script alone tells about the language.

Many languages can be told from their script with certainty (Hangul is Korean, Thai script is Thai);
doing that first keeps the statistical models for the scripts that many languages share.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import threading
from collections import Counter
from collections.abc import Iterable
from importlib import resources

# Script groups a word can belong to. "Hani" covers the CJK ideographs shared by Chinese and Japanese.
LATIN, CYRILLIC, ARABIC, HAN, KANA, HANGUL = "Latn", "Cyrl", "Arab", "Hani", "Kana", "Hang"

# (first code point, last code point, script), sorted; letters outside these ranges have no script here.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, LATIN),
    (0x0061, 0x007A, LATIN),
    (0x00C0, 0x024F, LATIN),
    (0x0250, 0x02AF, LATIN),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, CYRILLIC),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0A00, 0x0A7F, "Guru"),
    (0x0A80, 0x0AFF, "Gujr"),
    (0x0B80, 0x0BFF, "Taml"),
    (0x0C00, 0x0C7F, "Telu"),
    (0x0C80, 0x0CFF, "Knda"),
    (0x0D00, 0x0D7F, "Mlym"),
    (0x0D80, 0x0DFF, "Sinh"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x1000, 0x109F, "Mymr"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, HANGUL),
    (0x1200, 0x139F, "Ethi"),
    (0x1780, 0x17FF, "Khmr"),
    (0x1E00, 0x1EFF, LATIN),
    (0x1F00, 0x1FFF, "Grek"),
    (0x3040, 0x309F, KANA),
    (0x30A0, 0x30FF, KANA),
    (0x3130, 0x318F, HANGUL),
    (0x31F0, 0x31FF, KANA),
    (0x3400, 0x4DBF, HAN),
    (0x4E00, 0x9FFF, HAN),
    (0xA960, 0xA97F, HANGUL),
    (0xAC00, 0xD7AF, HANGUL),
    (0xD7B0, 0xD7FF, HANGUL),
    (0xF900, 0xFAFF, HAN),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0xFF21, 0xFF3A, LATIN),
    (0xFF41, 0xFF5A, LATIN),
    (0xFF66, 0xFF9F, KANA),
    (0x20000, 0x2FA1F, HAN),
)
_STARTS = [r[0] for r in _RANGES]

# Scripts written by one language among those Babeldesk knows: the script settles the language.
SCRIPT_LANGUAGE = {
    HANGUL: "ko",
    KANA: "ja",
    "Thai": "th",
    "Hebr": "he",
    "Deva": "hi",
    "Grek": "el",
    "Armn": "hy",
    "Geor": "ka",
    "Beng": "bn",
    "Guru": "pa",
    "Gujr": "gu",
    "Taml": "ta",
    "Telu": "te",
    "Knda": "kn",
    "Mlym": "ml",
    "Sinh": "si",
    "Laoo": "lo",
    "Mymr": "my",
    "Khmr": "km",
    "Ethi": "am",
    ARABIC: "ar",
}


@functools.lru_cache(maxsize=8192)
def script_of(char: str) -> str | None:
    """The script of one character, or None for digits, punctuation, symbols and unknown letters."""
    code = ord(char)
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _RANGES[i][1]:
        return _RANGES[i][2]
    return None


def script_counts(text: str) -> Counter[str]:
    return Counter(s for s in map(script_of, text) if s is not None)


def cjk_language(counts: Counter[str]) -> str:
    """Korean if Hangul leads, Japanese if kana is a real share of the text, else Chinese.

    A stray kana (Chinese web slang writes "の" for "的") does not make a Chinese text Japanese.
    """
    if counts[HANGUL] and counts[HANGUL] >= counts[KANA]:
        return "ko"
    if counts[KANA] * 10 >= counts[KANA] + counts[HAN]:
        return "ja"
    return "zh"


class _HanVariants:
    """Characters that exist only in Traditional or only in Simplified Chinese.

    The table is derived from the Traditional→Simplified mapping shipped with `wordfreq`; characters
    written the same way in both (most of them) say nothing.
    """

    def __init__(self) -> None:
        import msgpack  # type: ignore[import-untyped]

        path = resources.files("wordfreq") / "data" / "_chinese_mapping.msgpack.gz"
        with path.open("rb") as raw, gzip.open(raw) as handle:
            mapping: dict[int, str] = msgpack.load(handle, raw=False, strict_map_key=False)
        traditional = {chr(code) for code, simple in mapping.items() if chr(code) != simple}
        simplified = {simple for code, simple in mapping.items() if chr(code) != simple}
        self.traditional = frozenset(traditional - simplified)
        self.simplified = frozenset(simplified - traditional)


_variants: _HanVariants | None = None
_variants_lock = threading.Lock()


def _han_variants() -> _HanVariants:
    global _variants
    if _variants is None:
        with _variants_lock:
            if _variants is None:
                _variants = _HanVariants()
    return _variants


def chinese_script(chars: Iterable[str]) -> str | None:
    """ "Hans" or "Hant" when the characters tell, None when every character is shared by both."""
    table = _han_variants()
    simplified = traditional = 0
    for char in chars:
        simplified += char in table.simplified
        traditional += char in table.traditional
    if simplified == traditional:
        return None
    return "Hans" if simplified > traditional else "Hant"
