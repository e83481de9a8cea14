"""A text classifier over sentence embeddings that carries across languages.

Examples (in any language, usually the seller's own) are embedded in both spaces, so one logistic
regression per space can serve every language; a message is classified in the space of its language
(see ``embed.space_for``), after the language offsets are taken out (``centroids``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from babeldesk.nlu import neighbours as near
from babeldesk.nlu.centroids import Centroids
from babeldesk.nlu.embed import Space, Vectors, embed, embed_in_own_spaces, log_softmax
from babeldesk.nlu.lexical import WEIGHT, Lexical
from babeldesk.nlu.neighbours import Neighbours
from babeldesk.nlu.variety import reading, variety

# Weak regularisation suits intents: the classes are crisp and the examples clean. C=10: 91.1% in
# 5-fold cross-validation of our 21-language examples (C=1: 90.2%, C=100: 89.3%); on English-trained
# cross-lingual intents C=100 was 0.7 points better, C=1 far worse. Sentiment is fuzzier and
# out-of-domain text is the rule: there C=1 generalised better (tweets: 0.45 against 0.44 macro-F1).
INTENT_C = 10.0
FEELING_C = 1.0
# With each dimension divided by its spread (``centroids``) the vectors are ~20 times longer, so the
# same regularisation bites differently: English-trained xSID 94.4% at C=1, 94.5% at 3, 93.7% at 10.
SPREAD_C = 1.0


@dataclass(frozen=True)
class Examples:
    """Labelled texts with their embeddings in both spaces (row i of each matrix is text i)."""

    texts: tuple[str, ...]
    labels: tuple[str, ...]
    languages: tuple[str, ...]
    vectors: dict[Space, Vectors]

    @classmethod
    def embed(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        languages: Sequence[str],
        spaces: Iterable[Space] = tuple(Space),
    ) -> Examples:
        vectors = {space: embed(texts, space) for space in spaces}
        return cls(tuple(texts), tuple(labels), tuple(languages), vectors)

    def subset(self, index: Sequence[int]) -> Examples:
        return Examples(
            tuple(self.texts[i] for i in index),
            tuple(self.labels[i] for i in index),
            tuple(self.languages[i] for i in index),
            {s: v[list(index)] for s, v in self.vectors.items()},
        )

    def __add__(self, other: Examples) -> Examples:
        return Examples(
            self.texts + other.texts,
            self.labels + other.labels,
            self.languages + other.languages,
            {s: np.vstack([self.vectors[s], other.vectors[s]]) for s in self.vectors.keys() & other.vectors},
        )


class Classifier:
    """One linear model per space over language-centred vectors; optionally a character n-gram
    model for the languages the examples were written in (``lexical``) and the vote of the nearest
    examples (``neighbours``); trained with scikit-learn, stored as plain arrays so a shipped model
    loads without unpickling anything."""

    def __init__(
        self,
        labels: Sequence[str],
        weights: dict[Space, tuple[Vectors, Vectors]],
        centroids: Centroids,
        lexical: Lexical | None = None,
        *,
        spread: bool = False,
        neighbours: Neighbours | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.weights = weights
        self.centroids = centroids
        self.lexical = lexical
        self.spread = spread
        self.neighbours = neighbours

    @classmethod
    def train(
        cls,
        examples: Examples,
        regularisation: float = INTENT_C,
        *,
        lexical: bool = False,
        balanced: bool = False,
        weights: Sequence[float] | None = None,
        spread: bool = False,
        neighbours: bool = False,
    ) -> Classifier:
        """Fit one model per space; ``weights`` counts some examples less than others (one per example);
        ``spread`` divides by each language's spread too, for examples that must carry into languages
        they were not written in (see ``centroids``); ``neighbours`` keeps the examples' vectors so
        that the nearest ones vote (see ``nlu/neighbours.py``)."""
        # Here, not at the top: only training needs scikit-learn (1.5 s and ~60 MB to import); the
        # shipped model classifies with numpy alone.
        from sklearn.linear_model import LogisticRegression

        centroids = Centroids()
        fitted = {}
        labels = np.array(examples.labels)
        counted = None if weights is None else np.asarray(weights, dtype=np.float64)
        for space, vectors in examples.vectors.items():
            centroids.add(space, vectors, examples.languages)
            centred = centroids.center(space, vectors, examples.languages, spread=spread)
            weighting = "balanced" if balanced else None
            model = LogisticRegression(C=regularisation, max_iter=3000, class_weight=weighting)
            model.fit(centred, labels, sample_weight=counted)
            fitted[space] = (model.coef_.astype(np.float32), model.intercept_.astype(np.float32))
        names = sorted(set(examples.labels))
        index = {name: i for i, name in enumerate(names)}
        codes = [index[label] for label in examples.labels]
        words = Lexical.train(examples.texts, codes, examples.languages, regularisation) if lexical else None
        nearest = Neighbours.of(examples.vectors, examples.languages, codes) if neighbours else None
        return cls(names, fitted, centroids, words, spread=spread, neighbours=nearest)

    def learn_languages(self, space: Space, vectors: Vectors, languages: Sequence[str | None]) -> None:
        """Learn the offsets of languages the examples did not have, from unlabelled text in them.

        Languages the examples had keep the means the model was trained with.
        """
        known = self.centroids.languages(space)
        index = [i for i, code in enumerate(languages) if variety(code) not in known]
        if index:
            self.centroids.add(space, vectors[index], [languages[i] for i in index])

    def probabilities(
        self,
        space: Space,
        vectors: Vectors,
        languages: Sequence[str | None],
        texts: Sequence[str] | None = None,
    ) -> Vectors:
        """One row per vector, one column per label (in ``self.labels`` order). With the ``texts``
        (cleaned, as the vectors were embedded), the n-gram model joins in for its languages."""
        if len(vectors) == 0:
            return np.zeros((0, len(self.labels)), np.float32)
        coef, intercept = self.weights[space]
        centred = self.centroids.center(space, vectors, languages, spread=self.spread)
        scores = centred @ coef.T + intercept
        if len(self.labels) == 2:  # scikit-learn keeps one row of weights for two classes
            positive = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - positive, positive], axis=1).astype(np.float32)
        if self.lexical is not None and texts is not None:
            scores = self._with_words(scores, texts, languages)
        if self.neighbours is not None:
            scores = self._with_neighbours(scores, space, centred, languages)
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probabilities: Vectors = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probabilities

    def _with_words(self, scores: Vectors, texts: Sequence[str], languages: Sequence[str | None]) -> Vectors:
        """Log-linear mix with the n-gram model on the rows in languages it knows."""
        assert self.lexical is not None
        rows = np.flatnonzero(self.lexical.speaks_for(languages))
        if len(rows) == 0:
            return scores
        mixed = scores.astype(np.float32)  # a copy: the rows not mixed keep their scores
        own = log_softmax(scores[rows])
        words = self.lexical.log_probabilities([texts[int(i)] for i in rows])
        mixed[rows] = (1.0 - WEIGHT) * own + WEIGHT * words
        return mixed

    def _with_neighbours(
        self, scores: Vectors, space: Space, centred: Vectors, languages: Sequence[str | None]
    ) -> Vectors:
        """Log-linear mix with the nearest examples' vote on the rows in languages they do not cover."""
        assert self.neighbours is not None
        rows = np.flatnonzero(self.neighbours.votes_for(languages))
        if len(rows) == 0:
            return scores
        mixed = scores.astype(np.float32)
        own = log_softmax(scores[rows])
        nearest = self.neighbours.log_probabilities(space, centred[rows], self.centroids, spread=self.spread)
        mixed[rows] = (1.0 - near.WEIGHT) * own + near.WEIGHT * nearest
        return mixed

    def classify(self, texts: Sequence[str], languages: Sequence[str | None]) -> Vectors:
        """Embed and classify texts, each in its language's space; rows follow ``texts``."""
        out = np.zeros((len(texts), len(self.labels)), np.float32)
        read = [reading(text, language) for text, language in zip(texts, languages, strict=True)]
        for space, (index, vectors) in embed_in_own_spaces(texts, read).items():
            picked = [texts[i] for i in index]
            out[index] = self.probabilities(space, vectors, [read[i] for i in index], picked)
        return out

    def to_arrays(self, name: str) -> dict[str, Vectors]:
        arrays = self.centroids.to_arrays(f"{name}/centroid", spread=self.spread)
        arrays[f"{name}/labels"] = np.array(self.labels)
        if self.spread:
            arrays[f"{name}/spread"] = np.array(True)
        for space, (coef, intercept) in self.weights.items():
            arrays[f"{name}/{space}/coef"] = coef
            arrays[f"{name}/{space}/intercept"] = intercept
        if self.lexical is not None:
            arrays |= self.lexical.to_arrays(name)  # type: ignore[arg-type]
        if self.neighbours is not None:
            arrays |= self.neighbours.to_arrays(name)  # type: ignore[arg-type]
        return arrays

    @classmethod
    def from_arrays(cls, name: str, arrays: Mapping[str, Vectors]) -> Classifier:
        weights = {
            space: (arrays[f"{name}/{space}/coef"], arrays[f"{name}/{space}/intercept"])
            for space in Space
            if f"{name}/{space}/coef" in arrays
        }
        labels = [str(label) for label in arrays[f"{name}/labels"]]
        lexical = Lexical.from_arrays(name, arrays)
        centroids = Centroids.from_arrays(f"{name}/centroid", arrays)
        spread = bool(arrays.get(f"{name}/spread", False))
        nearest = Neighbours.from_arrays(name, dict(arrays))
        return cls(labels, weights, centroids, lexical, spread=spread, neighbours=nearest)
