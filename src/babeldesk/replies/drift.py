"""Drift: a translated reply that no longer says what its English source says.

Each translation is embedded with multilingual e5 beside every English entry. It is flagged when it
is barely closer to its own source than to an unrelated reply, or when another entry's English is
clearly closer to it than its own (typically two entries swapped, or a text pasted under the wrong key).

Raw e5 cosines are useless for this: every pair of support sentences in any two languages scores
0.78-0.93 (over 21 languages the lowest correct pair scored 0.83, as did the median unrelated pair).
Subtracting each side's mean vector first (English over the English entries, a language over its own
entries) removes what all replies share, and with it the language; the scores below are cosines of
those centred vectors.

What it cannot see: a flipped meaning in the same words ("return shipping is paid by you" under
"return shipping is free" scores like a good translation), or a wrong number. Those need the
placeholder rules and a reader.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from babeldesk.nlu.embed import Space, Vectors, embed
from babeldesk.replies.library import PLACEHOLDER, SOURCE, ReplyError, ReplyLibrary

# Below four words (outside placeholders) a text is a label ("shipped", "Customer mood") and e5
# cannot tell labels of one family apart: centred, 67 of 880 correct labels in 16 languages were
# closer to a sibling ("shipped" to "delivered", "Order" to "Request"). Those entries are checked by
# the key and placeholder rules only; labels of four words or more (reasons, long intents) are compared.
MIN_WORDS = 4

# Measured on the library in 21 languages (1,617 translations of 77 compared entries): correct
# translations score 0.18-0.91 with their own source (1st percentile 0.28), while a translation scores
# above 0.15 with only 10% of unrelated English entries. The other-entry margin: correct translations
# trail another entry by up to 0.10 (near-paraphrases such as "thanks" / "anything_else"), one by 0.17
# (Thai "no cost for returning" drawn to "There is no refund"); 0.20 keeps every correct translation
# and still catches 99.7% of all possible swaps of two entries.
OWN_FLOOR = 0.15
OTHER_MARGIN = 0.20

Embedder = Callable[[Sequence[str]], Vectors]


@dataclass(frozen=True)
class Drift:
    language: str
    key: str
    own: float  # centred cosine to its own English source
    nearest_key: str  # the English entry it is closest to (its own key when it is the closest)
    nearest: float

    @property
    def misplaced(self) -> bool:
        return self.nearest - self.own > OTHER_MARGIN

    @property
    def flagged(self) -> bool:
        return self.own < OWN_FLOOR or self.misplaced


_vectors: dict[str, Vectors] = {}


def e5_cached(texts: Sequence[str]) -> Vectors:
    """e5 vectors, kept per text: the library does not change while a process runs, and e5 is slow."""
    missing = sorted({t for t in texts if t not in _vectors})
    if missing:
        _vectors.update(zip(missing, embed(missing, Space.E5), strict=True))
    return np.stack([_vectors[t] for t in texts])


def compared_keys(library: ReplyLibrary) -> list[str]:
    # Plural variants ("shipping_info#one") differ from their entry in one word: compared, they would
    # sit within the other-entry margin of it by construction; the placeholder rules check them.
    english = library.texts[SOURCE]
    return [
        k
        for k, text in english.items()
        if "#" not in k and len(PLACEHOLDER.sub(" ", text).split()) >= MIN_WORDS
    ]


def _centred(vectors: Vectors) -> Vectors:
    shifted = vectors - vectors.mean(axis=0)
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    centred: Vectors = shifted / np.maximum(norms, 1e-12)
    return centred


def scores(
    library: ReplyLibrary, languages: Sequence[str] | None = None, *, embedder: Embedder = e5_cached
) -> list[Drift]:
    """Every compared translation with its scores, flagged or not (for a console to show)."""
    keys = compared_keys(library)
    english = _centred(embedder([library.texts[SOURCE][k] for k in keys]))
    found: list[Drift] = []
    for language in languages or [lang for lang in library.languages() if lang != SOURCE]:
        if language not in library.texts:
            raise ReplyError(f"no reply library for {language!r}")
        texts = library.texts[language]
        present = [i for i, key in enumerate(keys) if isinstance(texts.get(key), str)]
        if len(present) < 2:  # nothing to centre on; the check of keys already reports such a file
            continue
        similarity = _centred(embedder([texts[keys[i]] for i in present])) @ english.T
        for row, i in enumerate(present):
            own, nearest = float(similarity[row, i]), int(np.argmax(similarity[row]))
            found.append(Drift(language, keys[i], own, keys[nearest], float(similarity[row, nearest])))
    return found


def find_drift(
    library: ReplyLibrary, languages: Sequence[str] | None = None, *, embedder: Embedder = e5_cached
) -> list[Drift]:
    """The translations that drifted from their English source, by language, weakest first."""
    flagged = [d for d in scores(library, languages, embedder=embedder) if d.flagged]
    return sorted(flagged, key=lambda d: (d.language, d.own))
