"""A conversation's language, learned from the customer's messages rather than taken from one of them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from babeldesk.language.detect import UNDETERMINED, Detection, detect

# A message of this many letters or more counts fully; shorter ones count in proportion.
FULL_WEIGHT_LETTERS = 40
# Older messages count less: a message's weight halves every HALF_LIFE newer messages.
HALF_LIFE = 6
# A language must gather this much weight (a bit over one clear sentence) to be adopted, and to
# replace an established language it must also weigh at least SWITCH_RATIO times as much.
ADOPT = 0.6
SWITCH_RATIO = 2.0


def conversation_language(detections: Sequence[Detection], current: str | None, locked: bool) -> str | None:
    """The language to talk to the customer in, given their messages' detections (oldest first).

    An agent's choice (`locked`) always stands. Undetermined messages never count; a short message
    counts little, so "gracias" in an English conversation does not flip it.
    """
    if locked:
        return current
    weight: dict[str, float] = defaultdict(float)
    for age, detection in enumerate(reversed(detections)):
        if detection.language == UNDETERMINED:
            continue
        size = min(1.0, detection.letters / FULL_WEIGHT_LETTERS)
        weight[detection.language] += detection.confidence * size * 0.5 ** (age / HALF_LIFE)
    if not weight:
        return current
    best = max(weight, key=lambda lang: weight[lang])
    if best == current or weight[best] < ADOPT:
        return current
    if current is not None and weight[best] < SWITCH_RATIO * weight.get(current, 0.0):
        return current
    return best


class ConversationReader:
    """One customer's messages read in order, as the inbox reads them: each beside the language their
    earlier messages established, so "Ja" in a Dutch chat is Dutch and "ok" takes the chat's language."""

    def __init__(self) -> None:
        self.history: list[Detection] = []
        self.language: str | None = None

    def read(self, text: str) -> Detection:
        self.language = conversation_language(self.history, self.language, locked=False)
        found = detect(text, expected=self.language)
        self.history.append(found)
        return found
