"""Versions cut into passages, the units that are embedded and searched: pure functions, no I/O.

A FAQ entry is one passage (its question and answer). An article is cut at its headings, and a long
section between its paragraphs, into passages of at most ~200 words; a short section stays whole,
since merging sections would blur what each passage is about. Passages keep the article's title
and their section's heading beside their text, as readers see them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babeldesk.language.translate.base import base_language

MAX_WORDS = 200

# Text-search configurations every supported PostgreSQL has (12 and later), by base language.
TS_CONFIGS = {
    "ar": "arabic", "da": "danish", "de": "german", "el": "greek", "en": "english", "es": "spanish",
    "fi": "finnish", "fr": "french", "ga": "irish", "hu": "hungarian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sv": "swedish", "ta": "tamil", "tr": "turkish",
}  # fmt: skip
SIMPLE = "simple"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")
_BLOCK_MARK = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s?)")
_TABLE_RULE = re.compile(r"^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$")
# Scripts written without spaces between words: about two characters make a word's worth of meaning.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Passage:
    heading: str
    body: str

    @property
    def embedding_text(self) -> str:
        return f"{self.heading}\n{self.body}" if self.body else self.heading


def ts_config(language: str) -> str:
    """The text-search configuration for ``language``; ``simple`` (no stemming) where none exists."""
    return TS_CONFIGS.get(base_language(language), SIMPLE)


def word_count(text: str) -> int:
    unspaced = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", text).split()) + (unspaced + 1) // 2


def plain(markdown: str) -> str:
    """Markdown's inline marks removed: what a reader sees, which is what should be searched."""
    lines = [
        _BLOCK_MARK.sub("", line).replace("|", " ")
        for line in markdown.splitlines()
        if not _FENCE.match(line) and not _TABLE_RULE.match(line)
    ]
    text = _LINK.sub(r"\1", _IMAGE.sub(r"\1", "\n".join(lines)))
    return re.sub(r"[ \t]+", " ", _MARKS.sub("", text)).strip()


def split_version(kind: str, title: str, body: str) -> list[Passage]:
    if kind == "faq":
        return [Passage(plain(title), _squash(plain(body)))]
    passages = []
    for heading, paragraphs in _sections(body):
        label = f"{title} › {heading}" if heading else title
        passages += [Passage(plain(label), chunk) for chunk in _pack(paragraphs)]
    return passages or [Passage(plain(title), "")]


def _sections(body: str) -> list[tuple[str, list[str]]]:
    """(heading, paragraphs) in order; text before the first heading has the heading ""."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    paragraph: list[str] = []
    fenced = False

    def flush() -> None:
        text = _squash(plain("\n".join(paragraph)))
        if text:
            sections[-1][1].append(text)
        paragraph.clear()

    for line in body.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        heading = None if fenced else _HEADING.match(line)
        if heading:
            flush()
            sections.append((heading.group(2), []))
        elif not line.strip() and not fenced:
            flush()
        else:
            paragraph.append(line)
    flush()
    return [(heading, paragraphs) for heading, paragraphs in sections if paragraphs]


def _pack(paragraphs: list[str]) -> list[str]:
    """Paragraphs joined into chunks of at most MAX_WORDS; an overlong paragraph is cut by sentences."""
    chunks: list[str] = []
    current: list[str] = []
    for piece in (p for paragraph in paragraphs for p in _cut(paragraph)):
        if current and word_count(" ".join([*current, piece])) > MAX_WORDS:
            chunks.append(" ".join(current))
            current = []
        current.append(piece)
    if current:
        chunks.append(" ".join(current))
    return chunks


def _cut(paragraph: str) -> list[str]:
    if word_count(paragraph) <= MAX_WORDS:
        return [paragraph]
    sentences = re.split(r"(?<=[.!?。！？])\s*", paragraph)
    pieces = []
    for sentence in filter(None, sentences):
        words = sentence.split()
        # A "sentence" with no stop in 200 words (a list pasted as one line) is cut by words.
        pieces += [" ".join(words[i : i + MAX_WORDS]) for i in range(0, len(words), MAX_WORDS)] or [sentence]
    return pieces


def _squash(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()
