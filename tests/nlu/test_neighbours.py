"""The nearest examples' vote: which languages it speaks for, and what it adds."""

from __future__ import annotations

import numpy as np

from babeldesk.nlu.centroids import Centroids
from babeldesk.nlu.classifier import SPREAD_C, Classifier, Examples
from babeldesk.nlu.embed import Space, embed
from babeldesk.nlu.neighbours import COVERED, Neighbours


def _synthetic(codes: list[int], languages: list[str]) -> Neighbours:
    vectors = {Space.E5: np.eye(len(codes), 8, dtype=np.float32)}
    return Neighbours.of(vectors, languages, codes)


def test_a_language_is_covered_only_when_every_label_has_examples_in_it() -> None:
    codes = [0] * COVERED + [1] * COVERED + [0] * COVERED
    languages = ["en"] * (2 * COVERED) + ["de"] * COVERED
    neighbours = _synthetic(codes, languages)
    assert neighbours.covered == {"en"}
    assert neighbours.votes_for(["en", "de", "lt", None]).tolist() == [False, True, True, True]


def test_each_label_scores_its_closest_example_whatever_the_order_of_the_examples() -> None:
    neighbours = _synthetic([1, 0, 1, 0], ["en"] * 4)
    centroids = Centroids()  # no offsets known: vectors are compared as they are
    query = np.zeros((1, 8), np.float32)
    query[0, 2] = 1.0  # the third example, a label-1 one
    scores = np.exp(neighbours.log_probabilities(Space.E5, query, centroids, spread=False))
    assert np.isclose(scores.sum(), 1.0)
    assert scores[0, 1] > 0.99


def test_the_vote_carries_a_near_paraphrase_into_a_language_no_example_was_written_in() -> None:
    texts = [
        "set an alarm for seven tomorrow",
        "wake me up at six",
        "alarm at 5 am please",
        "will it rain today",
        "how hot will it be tomorrow",
        "is it sunny outside",
        "remind me to call mum",
        "add a reminder to buy milk",
        "remind me about the meeting at noon",
    ]
    labels = ["alarm"] * 3 + ["weather"] * 3 + ["reminder"] * 3
    examples = Examples.embed(texts, labels, ["en"] * len(texts))
    plain = Classifier.train(examples, SPREAD_C, spread=True)
    voting = Classifier.train(examples, SPREAD_C, spread=True, neighbours=True)
    messages = ["pažadink mane šeštą", "ar šiandien lis?", "primink man paskambinti mamai"]
    languages = ["lt"] * 3
    for model in (plain, voting):
        model.learn_languages(Space.E5, embed(messages, Space.E5), languages)
    expected = ["alarm", "weather", "reminder"]
    assert [voting.labels[i] for i in voting.classify(messages, languages).argmax(1)] == expected
    # English messages are read by the linear model alone: the examples cover English.
    english = ["wake me at seven", "is it going to rain"]
    np.testing.assert_allclose(voting.classify(english, ["en"] * 2), plain.classify(english, ["en"] * 2))
