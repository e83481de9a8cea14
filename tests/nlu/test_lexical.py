"""The character n-gram voice beside the embeddings: it speaks only for languages it was taught."""

from __future__ import annotations

import zlib

import numpy as np

from babeldesk.nlu.classifier import Classifier, Examples
from babeldesk.nlu.lexical import BUCKETS, MIN_EXAMPLES, Lexical, features

LABELS = ("cancel", "exchange", "where")
KOREAN = {
    "cancel": ["주문 취소해 주세요", "취소하고 싶어요", "주문을 취소할게요", "취소 가능한가요"],
    "exchange": ["교환해 주세요", "다른 사이즈로 교환하고 싶어요", "교환 가능할까요", "새 걸로 교환 원해요"],
    "where": [
        "제 택배 어디쯤인가요",
        "배송 어디까지 왔나요",
        "택배 위치 알려주세요",
        "주문한 거 어디 있어요",
    ],
}


def _examples() -> Examples:
    texts, labels = [], []
    for label, lines in KOREAN.items():
        for k in range(MIN_EXAMPLES // len(lines) + 1):
            texts += [f"{line} {'!' * k}" for line in lines]
            labels += [label] * len(lines)
    english = ["please cancel my order", "swap it for another size", "where is my parcel"]
    return Examples.embed(texts + english, labels + list(LABELS), ["ko"] * len(texts) + ["en"] * 3)


def test_features_are_the_same_in_every_process() -> None:
    # CRC-32, not Python's salted hash: a shipped model must find its buckets again
    assert features("교환") == features("교환")
    assert features("교환") == {
        zlib.crc32(g.encode()) % BUCKETS: 1 for g in (" 교", "교환", "환 ", " 교환", "교환 ", " 교환 ")
    }
    assert sum(features("ab").values()) == 3 + 2 + 1  # " a", "ab", "b ", " ab", "ab ", " ab "


def test_the_ngram_model_joins_in_for_the_languages_it_was_taught_and_survives_storage() -> None:
    model = Classifier.train(_examples(), lexical=True)
    assert model.lexical is not None and model.lexical.languages == frozenset({"ko"})
    restored = Classifier.from_arrays("m", model.to_arrays("m"))
    assert isinstance(restored.lexical, Lexical)
    texts, languages = ["교환해 주실 수 있나요", "can I swap it"], ["ko", "en"]
    np.testing.assert_allclose(
        restored.classify(texts, languages), model.classify(texts, languages), atol=1e-3
    )
    plain = Classifier(model.labels, model.weights, model.centroids)
    with_words, without = model.classify(texts, languages), plain.classify(texts, languages)
    assert not np.allclose(with_words[0], without[0])  # Korean: the n-grams speak
    np.testing.assert_allclose(with_words[1], without[1], atol=1e-6)  # English had too few examples


def test_without_enough_examples_in_any_language_there_is_no_ngram_model() -> None:
    few = Examples.embed(["cancel it", "exchange it", "where is it"], list(LABELS), ["en"] * 3)
    assert Classifier.train(few, lexical=True).lexical is None
