"""Small word lists, written for Babeldesk, for the short answers a dialogue turns on: yes and no,
"a person please", "the other one", "a refund". The tables live in ``words.toml`` beside this module
(one section per table, one entry per language, phrases separated by ``|``); here are their names and
how they are read.

Words are matched whole (see ``slots.find_phrases``), in the customer's language plus English, which
customers everywhere mix in ("ok", "yes"). Only the 21 bot languages are covered; the intent model
backs these up for everything longer than a short answer.
"""

from __future__ import annotations

import tomllib
from enum import Enum
from functools import cache
from pathlib import Path

from babeldesk.language.translate.base import base_language

LANGUAGES = ("en", "zh", "es", "pt", "fr", "de", "it", "nl", "ja", "ko", "ar", "ru", "tr", "pl", "th", "vi",
             "id", "ms", "hi", "he", "uk")  # fmt: skip

# Words that deny what follows them ("not broken", "tak rosak", "no está roto"), in the bot languages
# that put the negation first; and those that put it after ("kırık değil", "टूटा नहीं", "壊れていない").
_NEGATIONS = {
    # "isn't" is folded to "isn t": its first part is the word seen
    "en": "not|no|never|isn|wasn|aren|weren|isnt|wasnt|nothing|don|doesn|didn", "es": "no|nada|ni",
    "pt": "não|nao|nem", "fr": "pas", "de": "nicht|kein|keine|keinen|nie", "it": "non|né", "nl": "niet|geen",
    "ru": "не|ни", "uk": "не|ні", "pl": "nie", "vi": "không|chẳng|chả|chưa",
    "id": "tidak|bukan|gak|nggak|enggak|ga",
    "ms": "tak|tidak|bukan", "he": "לא|אינו|אינה", "ar": "ليس|ليست|مش|مو", "ko": "안",
}  # fmt: skip
NEGATIONS_BEFORE = frozenset(word for words in _NEGATIONS.values() for word in words.split("|"))
UNSPACED_NEGATIONS_BEFORE = ("没有", "没", "沒有", "沒", "不", "不用", "不要", "ไม่")
NEGATIONS_AFTER = frozenset({"değil", "degil", "nahi", "nahin", "नहीं"})
UNSPACED_NEGATIONS_AFTER = ("ていない", "てない", "ていません", "てません", "ません", "ない")


class Table(Enum):
    YES = "yes"
    NO = "no"
    HUMAN = "human"
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    LAST = "last"
    OTHER = "other"
    REFUND = "refund"
    REPLACEMENT = "replacement"
    DEFECT = "defect"
    DELAY = "delay"
    THANKS = "thanks"
    CANCEL = "cancel"
    SHIP_TO = "ship_to"
    DONE = "done"
    CUSTOMS = "customs"
    MISTAKE = "mistake"
    NOT_BEFORE = "not_before"
    NOT_AFTER = "not_after"
    ARRIVAL = "arrival"
    SEND_BACK = "send_back"
    KEEP = "keep"
    NOT_RECEIVED = "not_received"
    PRAISE = "praise"
    ADDRESS = "address"
    UNCHANGED = "unchanged"
    NOT_NEEDED = "not_needed"
    CONTACT = "contact"
    WHEN = "when"
    ACK = "ack"
    RETHINK = "rethink"
    POLITE = "polite"
    HOW_LONG = "how_long"
    MISSING = "missing"
    MAY_I_ASK = "may_i_ask"
    ONLY = "only"
    PRIVACY = "privacy"
    BOT_QUESTION = "bot_question"
    FORGOT = "forgot"
    ONE_ITEM = "one_item"
    INVOICE = "invoice"
    PAID = "paid"
    RESTOCK = "restock"


def _load() -> dict[Table, dict[str, str]]:
    with (Path(__file__).parent / "words.toml").open("rb") as source:
        sections: dict[str, dict[str, str]] = tomllib.load(source)
    # Two tables are kept apart for their own comment and joined here: leaking is a defect, and "ok,
    # I'll wait" to "anything else?" a goodbye.
    for joined, part in (("defect", "leaks"), ("done", "waiting")):
        for language, words in sections.pop(part).items():
            own = sections[joined].get(language)
            sections[joined][language] = f"{own}|{words}" if own else words
    names = {table.value for table in Table}
    if set(sections) != names:
        raise ValueError(f"words.toml: sections {sorted(set(sections) ^ names)} do not match the tables")
    return {table: sections[table.value] for table in Table}


_TABLES = _load()
_OPPOSITES = {Table.YES: Table.NO, Table.NO: Table.YES, Table.REFUND: Table.REPLACEMENT,
              Table.REPLACEMENT: Table.REFUND}  # fmt: skip


# English phrases that are everyday words of another language with another meaning: Polish "no"
# is "well" ("aha, no trudno"), Portuguese "no" is "in the" ("no carrinho").
_FALSE_FRIENDS = {"pl": frozenset({"no"}), "pt": frozenset({"no"})}


@cache
def phrases(table: Table, language: str | None) -> tuple[str, ...]:
    """The phrases of one table for ``language`` plus English; all languages when it is unknown.

    For an unknown language, a phrase that means something else in another language's table (Malay
    "tak" is no, Polish "tak" is yes) is left out rather than guessed.
    """
    entries = _TABLES[table]
    language = base_language(language) if language else None
    if language in entries:
        english = [p for p in entries["en"].split("|") if p not in _FALSE_FRIENDS.get(language, ())]
        return tuple(dict.fromkeys(entries[language].split("|") + english))
    return tuple(p for p in dict.fromkeys(_split_all(entries)) if p not in _clashes(table))


def _split_all(entries: dict[str, str]) -> list[str]:
    return [p for entry in entries.values() for p in entry.split("|")]


@cache
def _clashes(table: Table) -> frozenset[str]:
    opposite = _OPPOSITES.get(table)
    if opposite is None:
        return frozenset()
    return frozenset(set(_split_all(_TABLES[table])) & set(_split_all(_TABLES[opposite])))
