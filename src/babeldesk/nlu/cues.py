"""Surface signs of anger and urgency that embeddings blur: shouting, stacked punctuation, threats to
leave or to dispute a charge, and words that put a deadline on the request; and laughter, which says
the opposite ("não combinou com nada aqui em casa kkk").

The word lists (``data/cues.json``, per language) are ours, short on purpose: each entry is a strong
sign on its own in a support chat ("warm" lists the greetings and thanks whose "!!" is no anger).
Matching is on lower-cased text; scripts without spaces (zh, ja, th) match as substrings, others on
word boundaries.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


def _words(kind: str) -> tuple[str, ...]:
    with (Path(__file__).parent / "data" / "cues.json").open(encoding="utf-8") as handle:
        lists: dict[str, list[str]] = json.load(handle)[kind]
    return tuple(word for words in lists.values() for word in words)


_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    spaced = sorted({w for w in words if not _UNSPACED.search(w)}, key=len, reverse=True)
    unspaced = sorted({w for w in words if _UNSPACED.search(w)}, key=len, reverse=True)
    parts = [r"(?<!\w)(?:" + "|".join(map(re.escape, spaced)) + r")(?!\w)"]
    if unspaced:
        parts.append("|".join(map(re.escape, unspaced)))
    return re.compile("|".join(parts))


_ANGER = _pattern(_words("anger"))
_URGENCY = _pattern(_words("urgency"))
# "!!", "?!", "???": a doubled question mark alone ("refunded??") is surprise more often than anger
_STACKED = re.compile(r"(?=[!?！？]*[!！])[!?！？]{2,}|[?？]{3,}")
# ... except after a greeting or a thanks the message opens with, and a name or a word after it:
# "buenas!!", "hi guys!!", "thanks!!" are warm.
_WARM = _pattern(_words("warm")).pattern
_OPENING = re.compile(rf"^\W*(?:{_WARM})(?:[ \t]+[^\W\d_]+)?[!！]{{2,}}", re.IGNORECASE)


# Laughter as chat writes it: "kkk" (Portuguese), "jaja", "haha", "rsrs", "555" (Thai), "www"
# (Japanese), "wkwk" (Indonesian), "ㅋㅋ", "哈哈", and the laughing faces. Of our 3,947 shop messages
# and 3,090 everyday posts, 159 laugh and none of the angry ones does.
_LAUGHTER = re.compile(
    r"(?<![\w.])(?:k{3,}|(?:ha){2,}h?|(?:he){2,}|(?:ja){2,}|(?:je){2,}|rs(?:rs)+|w{3,}|lol|lmao|xd"
    r"|wkwk\w*)(?![\w.])|ㅋㅋ|ㅎㅎ|哈哈|[😂🤣😅😆😄😁]",
    re.IGNORECASE,
)
# Thai "555" (ha ha ha), only beside Thai: elsewhere it is an order number or a price.
_THAI_LAUGHTER = re.compile(r"[\u0e00-\u0e7f]\s*5{3,}(?!\d)|(?<!\d)5{3,}\s*[\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Cues:
    shouting: bool  # mostly capital letters, long enough to be deliberate
    stacked_punctuation: bool
    anger_words: int
    urgency_words: int
    laughing: bool = False

    @property
    def anger(self) -> int:
        """How many independent signs of anger the text shows."""
        return int(self.shouting) + int(self.stacked_punctuation) + min(self.anger_words, 2)


def cues(text: str) -> Cues:
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    upper = sum(ch.isupper() for ch in letters)
    lowered = text.lower()
    return Cues(
        shouting=len(letters) >= 10 and upper / len(letters) > 0.7,
        stacked_punctuation=bool(_STACKED.search(_OPENING.sub("", text.strip()))),
        anger_words=len(_ANGER.findall(lowered)),
        urgency_words=len(_URGENCY.findall(lowered)),
        laughing=bool(_LAUGHTER.search(text) or _THAI_LAUGHTER.search(text)),
    )
