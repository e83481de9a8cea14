"""A long message's sentences, for when the message as a whole says nothing clearly.

One vector for "Hi! I'd like to return the milk frother from order 2718, I never use it. I'm keeping
the cups. My e-mail is …" averages a greeting, a request, a reason and a verification detail; the
request drowns. Read alone, the sentence that asks for something is clear. ``understand`` classifies
a message's sentences only when the whole is unsure, and takes a sentence's intent only when that
sentence is sure of a request (greetings, thanks and small talk do not count).
"""

from __future__ import annotations

import re

from babeldesk.nlu.text import EMAIL, PHONE, clean

# Sentence ends: . ! ? (and their CJK, Arabic and Devanagari forms) followed by a space or the end, or
# a line break. A full stop without a space after it (2.5 kg, an e-mail address) does not end one.
_END = re.compile(r"(?<=[.!?…؟।])\s+|(?<=[。！？])\s*|\s*\n\s*")
# The fewest letters a sentence needs to be read alone ("ok!", "2718." are not).
MIN_LETTERS = 4
# Intents that are no request of their own: a sentence with one of these never stands for the message.
SOCIAL = frozenset({"greeting", "thanks", "other"})
# A sentence that gives an e-mail address or a phone number in at most this many other words ("my
# number is …") hands over a detail; read alone it looks like anything (tracking, invoices).
_DETAIL = re.compile(f"{EMAIL}|{PHONE}")
DETAIL_WORDS = 4


def sentences(text: str) -> list[str]:
    """The message's sentences with enough letters to read alone; one item for a one-sentence text."""
    parts = [part.strip() for part in _END.split(text)]
    kept = [part for part in parts if sum(c.isalpha() for c in part) >= MIN_LETTERS]
    return kept if len(kept) > 1 else [text]


def request_sentences(text: str) -> list[str]:
    """The cleaned sentences of a message of several that may stand for it (no bare detail); none for
    a one-sentence text."""
    parts = sentences(text)
    return [clean(part) for part in parts if not _gives_detail(part)] if len(parts) > 1 else []


def _gives_detail(sentence: str) -> bool:
    return bool(_DETAIL.search(sentence)) and len(clean(sentence).split()) <= DETAIL_WORDS
