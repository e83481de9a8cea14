"""Which items of an order a return means, when a message names several: "The linen shirt is great
but the sandals are way too narrow, so I'd like to send them back" names both and means the sandals.

A message is read clause by clause (sentences, commas and the word for "but"); an item named only in
clauses that praise it or keep it, and say nothing wrong with it, stays with the customer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from babeldesk.bot import slots
from babeldesk.bot.lexicon import Table

# "but" in the bot languages, where a message turns from one item to another.
_BUT = (
    "but|pero|mas|mais|aber|ma|maar|但是|但|でも|けど|하지만|근데|لكن|بس|но|але|ama|ale|แต่|nhưng|tapi"
    "|tetapi|lekin|par|पर|लेकिन|אבל"
)
_CLAUSE_END = re.compile(rf"[.!?;,\n。！？、，；]+|\s(?:{_BUT})\s|(?:但是|でも|けど|แต่)")
_KEPT = (Table.PRAISE, Table.KEEP)
_FAULT = (Table.DEFECT, Table.SEND_BACK)


def meant(text: str, titles: Sequence[str], language: str | None) -> list[int]:
    """The indexes of ``titles`` the message names, less those it only praises or keeps."""
    named = slots.named(text, titles)
    if len(named) < 2:
        return named
    praised: set[int] = set()
    faulted: set[int] = set()
    for clause in _CLAUSE_END.split(text):
        here = slots.named(clause, titles)
        if slots.find_phrases(clause, _FAULT, language):
            faulted.update(here)
        elif slots.find_phrases(clause, _KEPT, language):
            praised.update(here)
    left = [i for i in named if i not in praised or i in faulted]
    return left or named
