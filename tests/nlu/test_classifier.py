"""The classifier's stored form and its language offsets."""

from __future__ import annotations

import numpy as np

from babeldesk.nlu.centroids import Centroids
from babeldesk.nlu.classifier import FEELING_C, Classifier, Examples
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


def test_a_stored_classifier_answers_exactly_as_the_trained_one() -> None:
    trained = Classifier.train(_examples())
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
