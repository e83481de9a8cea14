"""Which items of a several-item return a message means."""

from __future__ import annotations

import pytest

from babeldesk.bot.items import meant

TITLES = ["Linen shirt", "Leather sandals"]


@pytest.mark.parametrize(
    ("text", "language", "picked"),
    [
        (
            "The linen shirt is great but the sandals are way too narrow, so I'd like to send them back",
            "en",
            [1],
        ),
        ("The shirt is torn and I want to return it. The sandals are great.", "en", [0]),
        ("I want to return the shirt and the sandals", "en", [0, 1]),
        ("The sandals are not great and neither is the shirt", "en", [0, 1]),  # praise denied
        ("Die Sandals passen gut, aber das Shirt ist kaputt", "de", [0]),
        ("the shirt", "en", [0]),
    ],
)
def test_an_item_only_praised_is_not_meant(text: str, language: str, picked: list[int]) -> None:
    assert meant(text, TITLES, language) == picked
