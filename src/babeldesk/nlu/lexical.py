"""A word-shape model beside the sentence embeddings: character n-grams of the message, hashed.

Embeddings blur the one keyword that decides a request ("교환" exchange, "iade" return, "استرداد"
refund) into the general sense of the sentence; character n-grams keep it, whatever the script
and however the word is inflected. The model only speaks for languages its examples were written
in (it knows nothing of the others), and only as a second voice: its log-probabilities are mixed
into the embedding classifier's with a fixed weight.

Hashing uses CRC-32, which is the same in every process (Python's own ``hash`` is not).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from babeldesk.nlu.embed import log_softmax
from babeldesk.nlu.variety import known_variety, variety

Floats = npt.NDArray[np.float32]

BUCKETS = 1 << 16
SIZES = (2, 3, 4)
# How much the n-gram model counts beside the embeddings (log-linear mix). In 5-fold
# cross-validation of our 21-language examples (a 2^18-bucket prototype): 0.0 → 90.3%, 0.2 → 91.3%,
# 0.4 → 91.5%, 0.5 → 91.0%; this 2^16-bucket model at 0.4: 91.6%. Bitext (English): 99.1% → 99.7%.
WEIGHT = 0.4
# A language needs this many examples before the n-gram model speaks for it.
MIN_EXAMPLES = 30


def features(text: str) -> Counter[int]:
    """Hashed character n-grams of each word, padded with spaces so starts and ends count."""
    counts: Counter[int] = Counter()
    for word in text.casefold().split():
        counts.update(_buckets(word))
    return counts


@lru_cache(maxsize=1 << 16)
def _buckets(word: str) -> tuple[int, ...]:
    # Remembered per word: chat repeats its words, and hashing is most of what this model costs.
    padded = f" {word} "
    return tuple(
        zlib.crc32(padded[start : start + size].encode()) % BUCKETS
        for size in SIZES
        for start in range(max(1, len(padded) - size + 1))
    )


def matrix(texts: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Floats]:
    """(row pointers, columns, values) of the L2-normalised feature rows: a CSR matrix's parts."""
    pointers, columns, values = [0], [], []
    for text in texts:
        counts = features(text)
        norm = float(np.sqrt(sum(v * v for v in counts.values()))) or 1.0
        columns += list(counts)
        values += [v / norm for v in counts.values()]
        pointers.append(len(columns))
    return (
        np.array(pointers, dtype=np.int64),
        np.array(columns, dtype=np.int64),
        np.array(values, dtype=np.float32),
    )


@dataclass(frozen=True)
class Lexical:
    """Weights (buckets × labels, half precision: the model ships in the package) and the languages
    it may speak for."""

    coef: npt.NDArray[np.float16]
    intercept: Floats
    languages: frozenset[str]

    @classmethod
    def train(
        cls, texts: Sequence[str], labels: Sequence[int], languages: Sequence[str], regularisation: float
    ) -> Lexical | None:
        from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
        from sklearn.linear_model import LogisticRegression

        counts = Counter(variety(code) for code in languages)
        known = frozenset(code for code, n in counts.items() if n >= MIN_EXAMPLES)
        if not known or len(set(labels)) < 3:
            return None  # too little to learn from, or a two-class task the embeddings serve alone
        pointers, columns, values = matrix(texts)
        rows = csr_matrix((values, columns, pointers), shape=(len(texts), BUCKETS))
        model = LogisticRegression(C=regularisation, max_iter=3000).fit(rows, np.asarray(labels))
        if len(model.classes_) != max(labels) + 1:
            return None  # a label without examples in this set: the columns would not line up
        return cls(model.coef_.T.astype(np.float16), model.intercept_.astype(np.float32), known)

    def log_probabilities(self, texts: Sequence[str]) -> Floats:
        """One row per text, one column per label."""
        pointers, columns, values = matrix(texts)
        scores = np.tile(self.intercept, (len(texts), 1))
        coef = self.coef
        for row in range(len(texts)):
            part = slice(pointers[row], pointers[row + 1])
            scores[row] += values[part] @ coef[columns[part]].astype(np.float32)
        return log_softmax(scores)

    def speaks_for(self, languages: Sequence[str | None]) -> npt.NDArray[np.bool_]:
        return np.array([known_variety(code, self.languages) in self.languages for code in languages])

    def to_arrays(self, name: str) -> dict[str, npt.NDArray[np.generic]]:
        return {
            f"{name}/lexical/coef": self.coef,
            f"{name}/lexical/intercept": self.intercept,
            f"{name}/lexical/languages": np.array(sorted(self.languages)),
        }

    @classmethod
    def from_arrays(cls, name: str, arrays: Mapping[str, npt.NDArray[np.generic]]) -> Lexical | None:
        if f"{name}/lexical/coef" not in arrays:
            return None
        return cls(
            np.asarray(arrays[f"{name}/lexical/coef"], dtype=np.float16),
            np.asarray(arrays[f"{name}/lexical/intercept"], dtype=np.float32),
            frozenset(str(code) for code in arrays[f"{name}/lexical/languages"]),
        )
