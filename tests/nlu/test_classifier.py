"""The classifier's stored form and its language offsets."""

from __future__ import annotations

import numpy as np
import pytest

from babeldesk.nlu.centroids import Centroids
from babeldesk.nlu.classifier import FEELING_C, SPREAD_C, Classifier, Examples
from babeldesk.nlu.embed import Space
from babeldesk.nlu.text import clean


def _examples() -> Examples:
    texts = [
        "thank you so much",
        "thanks a lot",
        "many thanks",
        "where is my parcel",
        "my package hasn't come",
        "where's my delivery",
        "muchas gracias",
        "¿dónde está mi paquete?",
    ]
    labels = ["thanks"] * 3 + ["where"] * 3 + ["thanks", "where"]
    return Examples.embed(texts, labels, ["en"] * 6 + ["es"] * 2)


@pytest.mark.parametrize(("spread", "neighbours"), [(False, False), (True, False), (True, True)])
def test_a_stored_classifier_answers_exactly_as_the_trained_one(spread: bool, neighbours: bool) -> None:
    trained = Classifier.train(
        _examples(), SPREAD_C if spread else 10.0, spread=spread, neighbours=neighbours
    )
    restored = Classifier.from_arrays("m", trained.to_arrays("m"))
    texts, languages = ["grazie mille", "dov'è il mio pacco?"], ["it", "it"]
    assert restored.labels == trained.labels == ("thanks", "where")
    np.testing.assert_allclose(
        restored.classify(texts, languages), trained.classify(texts, languages), atol=1e-6
    )
    assert [restored.labels[i] for i in restored.classify(texts, languages).argmax(1)] == ["thanks", "where"]


def test_languages_learnt_later_do_not_move_the_ones_trained_on() -> None:
    model = Classifier.train(_examples())
    before = model.centroids.mean(Space.USE, "en")
    vectors = np.ones((2, 512), np.float32)
    model.learn_languages(Space.USE, vectors, ["en", "it"])
    assert np.array_equal(model.centroids.mean(Space.USE, "en"), before)
    assert np.allclose(model.centroids.mean(Space.USE, "it"), 1.0)


def test_centred_vectors_are_unit_length_and_unknown_languages_use_the_average_offset() -> None:
    centroids = Centroids()
    centroids.add(Space.E5, np.eye(3, dtype=np.float32), ["en", "de", "de"])
    assert np.allclose(centroids.mean(Space.E5, "xx"), [0.5, 0.25, 0.25])
    centred = centroids.center(Space.E5, np.array([[3.0, 4.0, 0.0]], np.float32), ["fr"])
    assert np.isclose(np.linalg.norm(centred), 1.0)


def test_divided_by_its_spread_each_language_has_unit_variance_whatever_its_width() -> None:
    rng = np.random.default_rng(3)
    wide, narrow = rng.normal(0, 1.0, (400, 4)), rng.normal(2, 0.5, (400, 4))
    centroids = Centroids()
    centroids.add(Space.E5, np.vstack([wide, narrow]).astype(np.float32), ["en"] * 400 + ["lt"] * 400)
    for rows, language in ((wide, "en"), (narrow, "lt")):
        scaled = centroids.center(Space.E5, rows.astype(np.float32), [language] * 400, spread=True)
        assert np.allclose(scaled.mean(0), 0, atol=0.05) and np.allclose(scaled.std(0), 1, atol=0.05)
    # A language never seen is divided by the spread of all of them, not left as it came.
    unseen = centroids.center(Space.E5, narrow.astype(np.float32), ["kk"] * 400, spread=True)
    assert 0.55 < unseen.std(0).mean() < 0.75


def test_few_rows_of_a_language_are_drawn_towards_the_average_spread() -> None:
    centroids = Centroids()
    rows = np.array([[0.0, 0.0], [0.0, 0.0], [1.0, 1.0], [-1.0, -1.0]] * 50, np.float32)
    centroids.add(Space.E5, np.vstack([rows, [[0.0, 0.0], [0.001, 0.001]]]), ["en"] * 200 + ["lt"] * 2)
    own = centroids.spread(Space.E5, "lt")
    assert own is not None and own[0] > 0.1  # two nearly equal rows: not a spread of 0.0005


def test_social_noise_is_taken_out_but_a_message_is_never_emptied() -> None:
    assert clean("RT @user: love this song http #music") == "love this song music"
    assert clean("@shop https://x.example/a?b=1 where is my order") == "where is my order"
    assert clean("@shop") == "@shop"


def test_examples_counted_less_weigh_less() -> None:
    # Two mislabelled examples: at full weight they pull "many thanks" their way; counted at almost
    # nothing, the other examples decide.
    examples = _examples()
    wrong = Examples.embed(["many thanks", "many thanks!"], ["where", "where"], ["en", "en"])
    both = examples + wrong
    text, language = ["many thanks"], ["en"]
    full = Classifier.train(both, FEELING_C)
    light = Classifier.train(both, FEELING_C, weights=[1.0] * 8 + [0.01, 0.01])
    where = full.labels.index("where")
    assert light.classify(text, language)[0, where] < full.classify(text, language)[0, where]
    assert light.labels[int(light.classify(text, language).argmax())] == "thanks"
