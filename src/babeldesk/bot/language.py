"""Which language the bot answers in: the customer's latest, unless the message is too short to tell.

"ok", "1001" or an email address say nothing about a language (detectors guess wildly on them), so
the conversation keeps its language until the customer writes a real sentence in another one. An
address given when asked for one is names, not language ("Flat 12B, Sunshine Towers, Andheri West"
reads as English in a Hinglish chat): it keeps the language too, unless it comes with sentences of
their own ("sorry, may I write in Turkish? postcode 50670, Köln").
"""

from __future__ import annotations

import re

from babeldesk.bot.context import Turn
from babeldesk.bot.lexicon import Table
from babeldesk.bot.slots import EMAIL, only
from babeldesk.bot.state import BotState
from babeldesk.language.translate.base import base_language

DEFAULT_LANGUAGE = "en"
# English words chat borrows in every language ("ok thanks shop 😘" from a Vietnamese customer): no
# evidence of a switch to English.
LOANS = frozenset(
    {
        "ok",
        "okay",
        "oke",
        "okey",
        "thanks",
        "thank",
        "thx",
        "you",
        "shop",
        "bye",
        "sorry",
        "please",
        "pls",
        "hi",
    }
)
_WORD = re.compile(r"[^\W\d_]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


# What a customer says to close or acknowledge, in their language or chat English ("ah ok, perfect.
# thank u!!" from a Spanish customer): no evidence of a switch.
_SOCIAL = (Table.THANKS, Table.ACK, Table.DONE, Table.YES)


def reply_language(state: BotState, turn: Turn) -> str:
    detected = turn.language or turn.understanding.language
    if detected is not None and base_language(detected) in ("", "und"):
        detected = None
    evidence = says_enough(turn.text) and (state.step != "address" or _sentences_beside(turn.text))
    if state.language is not None and only(turn.text, _SOCIAL, state.language, DEFAULT_LANGUAGE):
        evidence = False
    if detected is not None and state.language is not None and _kin(detected, state.language):
        evidence = evidence and _says_much(turn.text)
    if detected is not None and (state.language is None or evidence):
        return detected
    return state.language or detected or DEFAULT_LANGUAGE


# Languages close enough that a few words of one are common in the other's chats (a Russian "опечатка"
# from a Ukrainian customer, Malay spellings from an Indonesian one): a switch between them needs a
# sentence's worth of letters, not just two words.
_KIN = (frozenset({"uk", "ru"}), frozenset({"id", "ms"}))
KIN_LETTERS = 30


def _kin(one: str, other: str) -> bool:
    return frozenset({base_language(one), base_language(other)}) in _KIN


def _says_much(text: str) -> bool:
    return sum(len(w) for w in _own_words(text)) >= KIN_LETTERS


def _own_words(text: str) -> list[str]:
    """The words that tell a language: no e-mail address, no English word every chat borrows."""
    return [w for w in _WORD.findall(EMAIL.sub(" ", text)) if w.casefold() not in LOANS]


def says_enough(text: str) -> bool:
    """Enough words to trust a language detector: two words of eight letters in all, or three
    characters of a script written without spaces; an email address is no words."""
    if len(_UNSPACED.findall(EMAIL.sub(" ", text))) >= 3:
        return True
    words = _own_words(text)
    return len(words) >= 2 and sum(len(w) for w in words) >= 8


# Lower-case words it takes, beside an address, to be sentences rather than names of streets and
# towns (which are capitalised) and flat abbreviations ("3º izq", "apt").
SENTENCE_WORDS = 5


def _sentences_beside(text: str) -> bool:
    return (
        sum(1 for word in _WORD.findall(EMAIL.sub(" ", text)) if len(word) >= 2 and word.islower())
        >= SENTENCE_WORDS
    )
