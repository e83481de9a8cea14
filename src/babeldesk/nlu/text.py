"""What is taken out of a message before it is embedded for intent and sentiment."""

from __future__ import annotations

import re

# Links, @mentions, a retweet marker, e-mail addresses, and order, tracking and phone numbers say
# nothing about what the writer wants or feels, yet they pull a short message's vector towards
# whichever examples happened to hold similar tokens ("Order 1005 is late. ana@example.com" read as a
# cancellation). The bot reads them from the raw text.
EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
PHONE = r"(?<!\w)[+]?\d[\d ()./-]{5,}\d(?!\w)"
_NOISE = re.compile(
    r"(?:^|\s)RT\s+(?=@)"
    r"|https?://\S+|(?<!\w)http\b"
    rf"|{EMAIL}"
    r"|(?<![\w.])@\w+:?"
    r"|#(?=\w)"
    rf"|{PHONE}"
    r"|(?<!\w)(?:[A-Za-z]{0,4}-?)?\d{3,}[A-Za-z\d-]*"
    r"|(?<!\w)(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z\d]{10,}(?!\w)"
)
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    cleaned = _SPACES.sub(" ", _NOISE.sub(" ", text)).strip(" ,.;:")
    return cleaned or text.strip()
