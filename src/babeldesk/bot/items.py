"""Which items of an order a return means, when a message names several: "The linen shirt is great
but the sandals are way too narrow, so I'd like to send them back" names both and means the sandals.

A message is read clause by clause (sentences, commas and the word for "but"); an item named only in
clauses that praise it or keep it, and say nothing wrong with it, stays with the customer.

Titles are often in the shop's language, not the customer's: when no word of the message is a word
of a title, single words are compared across languages (``across``), so "a caneca mais pequena" names
"Ceramic mug, small" and not "Ceramic mug, large".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from babeldesk.bot import slots
from babeldesk.bot.context import WordsAlike
from babeldesk.bot.lexicon import Table

# "but" in the bot languages, where a message turns from one item to another.
_BUT = (
    "but|pero|mas|mais|aber|ma|maar|但是|但|でも|けど|하지만|근데|لكن|بس|но|але|ama|ale|แต่|nhưng|tapi"
    "|tetapi|lekin|par|पर|लेकिन|אבל"
)
_CLAUSE_END = re.compile(rf"[.!?;,\n。！？、，；]+|\s(?:{_BUT})\s|(?:但是|でも|けど|แต่)")
_KEPT = (Table.PRAISE, Table.KEEP)
_FAULT = (Table.DEFECT, Table.SEND_BACK)


def meant(
    text: str, titles: Sequence[str], language: str | None, crossed: Mapping[str, int] | None = None
) -> list[int]:
    """The indexes of ``titles`` the message names, less those it only praises or keeps; ``crossed``
    maps words of another language to the title each names (``across``)."""
    named = names(text, titles, crossed)
    if len(named) < 2:
        return named
    praised: set[int] = set()
    faulted: set[int] = set()
    for clause in _CLAUSE_END.split(text):
        here = names(clause, titles, crossed)
        if slots.find_phrases(clause, _FAULT, language):
            faulted.update(here)
        elif slots.find_phrases(clause, _KEPT, language):
            praised.update(here)
    left = [i for i in named if i not in praised or i in faulted]
    return left or named


def names(text: str, titles: Sequence[str], crossed: Mapping[str, int] | None = None) -> list[int]:
    """The titles a text names by their own words, and by words of another language that mean them."""
    found = slots.named(text, titles)
    if crossed:
        found += [crossed[word] for word in slots.fold(text).split() if word in crossed]
    return sorted(set(found))


# How alike a word must be to a title's own word (cosine, multilingual USE), and by how much more
# than to any other title's: "pequena"/"small" 0.91, "grande"/"large" 0.90, "kleine"/"small" 0.94,
# while "pequena"/"large" is 0.59 and "bule"/"teapot" only 0.52 (not trusted: the item is asked for).
ALIKE = 0.8
MARGIN = 0.15
# Words of a long message compared at most (each is one short embedding).
MAX_WORDS = 80


async def across(
    text: str, titles: Sequence[str], language: str | None, alike: WordsAlike | None
) -> dict[str, int]:
    """Words of ``text`` that name one title in another language: {word: title index}; empty when the
    text already names a title by its own words, or no encoder reads single words of the language."""
    if alike is None or slots.named(text, titles):
        return {}
    own = _own_words(titles)
    wanted = [word for title in own for word in title]
    words = _words(text)[:MAX_WORDS]
    similarity = await alike(words, wanted, language) if words and wanted else None
    if similarity is None:
        return {}
    starts = [sum(len(title) for title in own[:i]) for i in range(len(own))]
    columns = [range(start, start + len(title)) for start, title in zip(starts, own, strict=True)]
    crossed: dict[str, int] = {}
    for row, word in enumerate(words):
        scores = sorted(
            (
                (max((float(similarity[row, c]) for c in cols), default=0.0), i)
                for i, cols in enumerate(columns)
            ),
            reverse=True,
        )
        best, runner_up = scores[0], scores[1][0] if len(scores) > 1 else 0.0
        if best[0] >= ALIKE and best[0] - runner_up >= MARGIN:
            crossed[word] = best[1]
    return crossed


def _words(text: str) -> list[str]:
    """The text's distinct words of three letters or more, folded."""
    return [w for w in dict.fromkeys(slots.fold(text).split()) if len(w) >= 3 and w.isalpha()]


def _own_words(titles: Sequence[str]) -> list[list[str]]:
    """Each title's words that no other title has ("small" of "Ceramic mug, small"), as in ``slots.named``."""
    words = [_words(title) for title in titles]
    return [
        [w for w in own if not any(w in other for j, other in enumerate(words) if j != i)]
        for i, own in enumerate(words)
    ]
