"""Which items of a several-item return a message means."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pytest

from babeldesk.bot.items import across, meant
from babeldesk.helpdesk.understanding import words_alike

Similarity = npt.NDArray[np.float32]

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


MUGS = ["Ceramic mug, small (250 ml)", "Ceramic mug, large (450 ml)", "Ceramic teapot"]
PORTUGUESE = (
    "O bule e a caneca grande estão ótimos e ficam cá em casa. Já a caneca mais pequena, aquele tom de "
    "azul não me convence nada — gostaria de a devolver."
)


async def test_titles_in_another_language_are_named_by_words_that_mean_theirs() -> None:
    crossed = await across(PORTUGUESE, MUGS, "pt", words_alike)
    assert crossed == {"pequena": 0, "grande": 1}  # "bule"/"teapot" is not alike enough to trust
    assert meant(PORTUGUESE, MUGS, "pt", crossed) == [0]  # the large one is praised and kept


async def test_words_are_compared_only_where_no_title_word_is_used_and_the_encoder_reads_them() -> None:
    calls: list[tuple[str, ...]] = []

    async def counting(words: Sequence[str], others: Sequence[str], language: str | None) -> None:
        calls.append(tuple(words))

    assert await across("the small mug is chipped", MUGS, "en", counting) == {}  # "small" is a title word
    assert calls == []
    assert await across(PORTUGUESE, MUGS, "pt", counting) == {}  # no encoder for the words: nothing
    assert await across(PORTUGUESE, MUGS, "pt", None) == {}
    # Vietnamese is read by e5, whose single-word vectors are too alike to tell items apart
    assert await across("cái cốc nhỏ bị vỡ", MUGS, "vi", words_alike) == {}


async def test_a_word_close_to_two_titles_names_neither() -> None:
    async def torn(words: Sequence[str], others: Sequence[str], language: str | None) -> Similarity:
        return np.full((len(words), len(others)), 0.9, np.float32)  # alike to every title's words

    assert await across("uma caneca", MUGS, "pt", torn) == {}
