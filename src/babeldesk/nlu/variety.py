"""Which variety of a language a text is read as.

Hindi typed in Latin letters ("mera order abhi tak nahi aaya") is, to an encoder and to an n-gram
model, almost another language than Hindi in Devanagari: its sentences sit elsewhere in the embedding
space and share no character n-grams with it. So a language written outside its own script keeps the
script in its key ("hi-Latn", "sr-Latn"): the classifiers learn its offset and its words apart. Region
and the Hans/Hant split of Chinese do not matter here and are dropped ("pt-BR" → "pt").
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

import langcodes

from babeldesk.language.translate.base import base_language, language_subtags

LATIN = "Latn"


@cache
def _native_script(base: str) -> str | None:
    try:
        script: str | None = langcodes.Language.get(base).maximize().script
    except (ValueError, LookupError):  # a code langcodes cannot parse or has no data for
        return None
    return script


def variety(code: str | None) -> str:
    """The key models are trained and looked up by: the base language, plus ``-Latn`` for a
    language typed in Latin letters that is not written in them natively."""
    base = base_language(code or "und")
    _, script = language_subtags(code or "und")
    if script.lower() == LATIN.lower() and _native_script(base) not in (None, LATIN):
        return f"{base}-{LATIN}"
    return base


def known_variety(code: str | None, known: Collection[str]) -> str:
    """``variety(code)`` if a model knows it, else the base language: a Japanese line that is mostly a
    product name in Latin letters is still read with what was learnt from Japanese."""
    key = variety(code)
    return key if key in known else base_language(code or "und")


def _latin_only(text: str) -> bool:
    """Letters all but entirely Latin. Counting letters alone would call "播放 Taylor Swift 的歌"
    Latin: a name in Latin letters inside a Chinese sentence outweighs the Chinese characters."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(ch < "\u0250" for ch in letters)  # Basic Latin to Latin Extended-B
    return bool(letters) and latin >= 0.9 * len(letters)


def reading(text: str, code: str | None) -> str | None:
    """``code``, or its Latin-letter variety when the text is typed in Latin letters but the language is
    not (a conversation marked Hindi by an agent, whose customer types Hinglish)."""
    if code is None:
        return None
    base = base_language(code)
    if _native_script(base) in (None, LATIN):
        return code
    if _latin_only(text):
        return f"{base}-{LATIN}"
    # Inherited from a Hinglish conversation, but this line is in Devanagari.
    return base if variety(code) != base else code
