"""A version's content made ready to store: cut into passages and embedded in both vector spaces.

Embedding is the slow part (tens of passages a second for e5 on two cores), so it runs in worker
threads, in batches, before any database transaction opens: no connection waits on an encoder.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from babeldesk.kb.passages import Passage, split_version
from babeldesk.nlu.embed import DIMENSIONS, Space, Vectors, embed

# Small enough that a message's understanding, waiting on the same encoder, is not held up for long.
BATCH = 32


@dataclass(frozen=True)
class Content:
    kind: str
    language: str
    title: str
    body: str


def content_sha256(kind: str, title: str, body: str) -> bytes:
    """What decides a version's passages: the same hash means nothing to cut or embed again."""
    return hashlib.sha256("\x00".join((kind, title, body)).encode("utf-8")).digest()


@dataclass(frozen=True)
class Draft:
    content: Content
    passages: list[Passage]
    use: Vectors
    e5: Vectors

    @property
    def sha256(self) -> bytes:
        return content_sha256(self.content.kind, self.content.title, self.content.body)


async def embed_passages(texts: Sequence[str]) -> tuple[Vectors, Vectors]:
    """Passage vectors of ``texts`` in the USE and the e5 space."""
    use = [np.zeros((0, DIMENSIONS[Space.USE]), dtype=np.float32)]
    e5 = [np.zeros((0, DIMENSIONS[Space.E5]), dtype=np.float32)]
    for start in range(0, len(texts), BATCH):
        batch = list(texts[start : start + BATCH])
        use.append(await asyncio.to_thread(embed, batch, Space.USE, query=False))
        e5.append(await asyncio.to_thread(embed, batch, Space.E5, query=False))
    return np.concatenate(use), np.concatenate(e5)


async def prepare(contents: Sequence[Content]) -> list[Draft]:
    """Each content cut into passages, all of them embedded together (batches fill up across versions)."""
    cut = [split_version(c.kind, c.title, c.body) for c in contents]
    use, e5 = await embed_passages([p.embedding_text for ps in cut for p in ps])
    drafts, start = [], 0
    for content, passages in zip(contents, cut, strict=True):
        end = start + len(passages)
        drafts.append(Draft(content, passages, use[start:end], e5[start:end]))
        start = end
    return drafts
