"""Intent recognition: the shipped intents, plus the ones a seller adds with a few examples in their
own language (recognised in every language, as the encoders are multilingual).

A workspace's own intents get a second classifier: its examples against a sample of the shipped ones,
labelled as "shipped". A message's probabilities are then P(own intent k) from that classifier, and
P(shipped intent j) = P("shipped") × the shipped classifier's P(j).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from babeldesk.nlu.classifier import SPREAD_C, Classifier, Examples
from babeldesk.nlu.embed import Space, Vectors, embed_in_own_spaces
from babeldesk.nlu.model import Models, shipped

SHIPPED = "__shipped__"

# A workspace's intents: name → (examples, language of the examples).
CustomIntents = Mapping[str, tuple[Sequence[str], str]]


class IntentModel:
    def __init__(self, models: Models, custom: Classifier | None = None) -> None:
        self._shipped = models.intents
        self._custom = custom
        own = [label for label in custom.labels if label != SHIPPED] if custom else []
        self.labels: tuple[str, ...] = self._shipped.labels + tuple(own)

    def probabilities(
        self,
        space: Space,
        vectors: Vectors,
        languages: Sequence[str | None],
        texts: Sequence[str] | None = None,
    ) -> Vectors:
        base = self._shipped.probabilities(space, vectors, languages, texts)
        if self._custom is None:
            return base
        custom = self._custom.probabilities(space, vectors, languages)
        shipped_column = self._custom.labels.index(SHIPPED)
        own = np.delete(custom, shipped_column, axis=1)
        return np.hstack([base * custom[:, [shipped_column]], own]).astype(np.float32)

    def classify_each(
        self, texts: Sequence[str], languages: Sequence[str | None]
    ) -> list[tuple[str, float, str | None]]:
        """(intent, probability, runner-up) of each cleaned text in its language."""
        out: list[tuple[str, float, str | None]] = [("other", 0.0, None)] * len(texts)
        for space, (index, vectors) in embed_in_own_spaces(texts, languages).items():
            picked = [texts[i] for i in index]
            rows = self.probabilities(space, vectors, [languages[i] for i in index], picked)
            for row, i in enumerate(index):
                ranked = rows[row].argsort()[::-1]
                out[i] = (self.labels[ranked[0]], float(rows[row, ranked[0]]), self.labels[ranked[1]])
        return out


def _custom_classifier(models: Models, custom: CustomIntents) -> Classifier:
    texts = [text for examples, _ in custom.values() for text in examples]
    labels = [name for name, (examples, _) in custom.items() for _ in examples]
    languages = [language for examples, language in custom.values() for _ in examples]
    sample = models.intent_sample
    others = Examples(sample.texts, (SHIPPED,) * len(sample.labels), sample.languages, sample.vectors)
    # The seller's examples are in one language and must carry into all the others: ``spread``.
    examples = others + Examples.embed(texts, labels, languages)
    return Classifier.train(examples, SPREAD_C, spread=True, neighbours=True)


@lru_cache(maxsize=32)
def _cached(custom: tuple[tuple[str, tuple[str, ...], str], ...]) -> IntentModel:
    models = shipped()
    if not custom:
        return IntentModel(models)
    return IntentModel(models, _custom_classifier(models, {n: (e, lang) for n, e, lang in custom}))


def intent_model(custom: CustomIntents | None = None) -> IntentModel:
    """The model for a workspace; building one with own intents embeds their examples (once)."""
    key = tuple(
        sorted(
            (name, tuple(examples), language)
            for name, (examples, language) in (custom or {}).items()
            if examples
        )
    )
    return _cached(key)


def custom_intents(settings: Mapping[str, object]) -> CustomIntents:
    """A workspace's own intents from ``settings["nlu"]["intents"]``: ``{name: [[examples…], language]}``.

    Entries of any other shape are left out rather than failing every message of the workspace.
    """
    nlu = settings.get("nlu")
    entries = nlu.get("intents") if isinstance(nlu, dict) else None
    found: dict[str, tuple[Sequence[str], str]] = {}
    for name, entry in (entries or {}).items() if isinstance(entries, dict) else ():
        if isinstance(entry, list | tuple) and len(entry) == 2 and isinstance(entry[1], str):
            examples = (
                [e for e in entry[0] if isinstance(e, str) and e.strip()]
                if isinstance(entry[0], list)
                else []
            )
            if examples:
                found[str(name)] = (examples, entry[1])
    return found
