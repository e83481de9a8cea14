"""Remembered vectors are the encoder's own, for repeated lines within a batch and across calls, in
each space and prefix apart; long texts and old lines are not kept."""

from __future__ import annotations

import numpy as np

from babeldesk.nlu import embed as embedding
from babeldesk.nlu.embed import Space, embed, encode_every, forget
from babeldesk.nlu.lru import Lru


def test_remembered_vectors_equal_fresh_ones_in_every_space() -> None:
    forget()
    texts = ["ok", "where is my order ?", "ok", "Đơn hàng của tôi đâu?"]
    for space in Space:
        first = embed(texts, space)
        again = embed(texts[::-1], space)[::-1]
        fresh = encode_every(texts, space)
        assert np.allclose(first, fresh, atol=1e-5) and np.allclose(again, fresh, atol=1e-5)
    # e5's query and passage prefixes give different vectors and are remembered apart.
    query, passage = embed(["ok"], Space.E5, query=True), embed(["ok"], Space.E5, query=False)
    assert not np.allclose(query, passage)
    assert np.allclose(passage, encode_every(["ok"], Space.E5, query=False), atol=1e-5)


def test_long_texts_are_not_remembered() -> None:
    forget()
    article = "Returns are free within 30 days. " * 20
    embed([article, "thanks"], Space.USE)
    assert len(embedding._remembered) == 1


def test_the_least_recently_used_line_goes_first() -> None:
    lru: Lru[str, int] = Lru(2)
    lru.put("a", 1)
    lru.put("b", 2)
    assert lru.get("a") == 1
    lru.put("c", 3)
    assert (lru.get("a"), lru.get("b"), lru.get("c")) == (1, None, 3)


def test_a_mixed_batch_is_embedded_in_both_spaces_as_each_alone() -> None:
    # The two encoders run on threads of their own for a mixed batch; the rows must still land
    # where they belong.
    forget()
    texts = ["Wo ist meine Bestellung?", "Đơn hàng của tôi đâu?", "where is my order", "Де моє замовлення?"]
    languages = ["de", "vi", "en", "uk"]
    grouped = embedding.embed_in_own_spaces(texts, languages)
    assert grouped[Space.USE][0] == [0, 2] and grouped[Space.E5][0] == [1, 3]
    for space, (index, vectors) in grouped.items():
        assert np.allclose(vectors, encode_every([texts[i] for i in index], space), atol=1e-5)
