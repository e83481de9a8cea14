"""Hybrid retrieval: passages near the question in meaning (pgvector) and passages sharing its words
(PostgreSQL full text), scored together, one hit per article.

The vectors are multilingual, so a question in Portuguese or Japanese finds an English article;
the words add what encoders blur (product and brand names, codes: "Klarna", "DHL"). A question's
words are taken twice: in its language's text-search configuration (stemmed, stopwords gone) and
in ``simple`` (as written, minus that language's stopwords), since each passage is indexed in its
own language and shares only unstemmed names with a question in another.

Scores are fused by value, not by rank: ``score = similarity + WORD_WEIGHT × coverage``, where
``similarity`` is the cosine between question and passage in the question's space and
``coverage`` the share of the question's words the passage contains. Reciprocal rank fusion was
tried first and let one shared common word ("entrega") outrank the right answer found by meaning;
it also gives no scale to judge an answer by. ``KbHit.good_answer`` compares ``score`` with a
threshold per space, measured with the questions in ``tests/kb/test_search.py`` on the demo
articles (see MIN_SCORE).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import bindparam, text
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.db.kb_tables import Vector
from babeldesk.kb.articles import version_summaries
from babeldesk.kb.passages import SIMPLE, ts_config
from babeldesk.kb.records import Kind, VersionSummary, best_version
from babeldesk.nlu.embed import DIMENSIONS, Space, embed, space_for

# e5's cosines crowd into 0.75–0.9, so its words weigh less than USE's, whose cosines spread wider.
WORD_WEIGHT = {Space.USE: 0.15, Space.E5: 0.04}
# Midway between the questions answered and not: USE answered 0.41–0.66, unanswered 0.11–0.33;
# e5 answered 0.82–0.84, unanswered 0.75–0.78 (top hit's score; 15 + 7 and 4 + 2 questions).
MIN_SCORE = {Space.USE: 0.37, Space.E5: 0.80}
CANDIDATES = 40

_COLUMNS = {Space.USE: "use_vec", Space.E5: "e5_vec"}

_WORDS = """
SELECT
    ARRAY(SELECT lexeme FROM unnest(to_tsvector(CAST(:config AS regconfig), :text))) AS own,
    ARRAY(SELECT lexeme FROM unnest(to_tsvector('simple', :text))
          WHERE length(lexeme) > 1
            AND to_tsvector(CAST(:config AS regconfig), lexeme) <> ''::tsvector) AS plain
"""

_NEAREST = """
SELECT id FROM kb_passages WHERE workspace_id = :workspace_id ORDER BY {column} <=> :vector LIMIT :limit
"""

# Any of the words, not all: a customer's question rarely uses every word of its answer. Each word is
# quoted as a tsquery lexeme (backslashes and quotes escaped), so no word can be read as an operator.
_MATCHING = r"""
WITH q AS (
    SELECT string_agg('''' || replace(replace(w, '\', '\\'), '''', '''''') || '''', ' | ')
           ::tsquery AS any_word
    FROM unnest(CAST(:words AS text[])) AS w
)
SELECT p.id FROM kb_passages p, q
WHERE p.workspace_id = :workspace_id AND p.tsv @@ q.any_word
ORDER BY ts_rank(p.tsv, q.any_word) DESC LIMIT :limit
"""

_CANDIDATES = """
SELECT p.id, p.article_id, p.version_id, p.heading, p.body, 1 - (p.{column} <=> :vector) AS similarity,
       tsvector_to_array(p.tsv) AS lexemes, v.language, a.slug, a.kind, a.tags
FROM kb_passages p
JOIN kb_versions v ON v.id = p.version_id
JOIN kb_articles a ON a.id = p.article_id
WHERE p.id IN :ids
"""


@dataclass(frozen=True)
class KbPassage:
    version_id: int
    language: str
    heading: str
    body: str


@dataclass(frozen=True)
class KbHit:
    article_id: int
    slug: str
    kind: Kind
    tags: list[str]
    passage: KbPassage  # the article's passage that answers best, in whichever language it is
    versions: list[VersionSummary]
    similarity: float
    coverage: float
    score: float
    space: Space

    @property
    def good_answer(self) -> bool:
        return self.score >= MIN_SCORE[self.space]

    def best_version(self, language: str | None) -> VersionSummary | None:
        return best_version(self.versions, language)


@dataclass(frozen=True)
class _Words:
    own: frozenset[str]
    plain: frozenset[str]

    def coverage(self, lexemes: Sequence[str]) -> float:
        found = set(lexemes)
        shares = [len(words & found) / len(words) for words in (self.own, self.plain) if words]
        return max(shares, default=0.0)


async def search(
    conn: AsyncConnection,
    workspace_id: int,
    text_: str,
    *,
    language: str | None,
    space: Space,
    vector: Sequence[float],
    limit: int = 5,
) -> list[KbHit]:
    """The articles answering ``text_`` best, best first; ``vector`` is ``text_`` embedded as a query
    in ``space`` (the space of its ``language``)."""
    if len(vector) != DIMENSIONS[space]:
        raise ValueError(f"a {space} vector has {DIMENSIONS[space]} dimensions, not {len(vector)}")
    typed = bindparam("vector", type_=Vector(DIMENSIONS[space]))
    config = ts_config(language or SIMPLE)
    row = (await conn.execute(text(_WORDS), {"config": config, "text": text_})).one()
    words = _Words(frozenset(row.own), frozenset(row.plain))
    # Without it an HNSW scan returns the nearest rows of every workspace, then filters most away.
    await conn.execute(text("SET LOCAL hnsw.iterative_scan = relaxed_order"))
    params = {"workspace_id": workspace_id, "limit": CANDIDATES, "vector": vector}
    nearest = await conn.execute(text(_NEAREST.format(column=_COLUMNS[space])).bindparams(typed), params)
    ids = {r.id for r in nearest}
    if words.own | words.plain:
        matching = await conn.execute(text(_MATCHING), {**params, "words": sorted(words.own | words.plain)})
        ids |= {r.id for r in matching}
    if not ids:
        return []
    candidates = await conn.execute(
        text(_CANDIDATES.format(column=_COLUMNS[space])).bindparams(typed, bindparam("ids", expanding=True)),
        {"vector": vector, "ids": sorted(ids)},
    )
    best: dict[int, KbHit] = {}
    for c in candidates:
        similarity, coverage = float(c.similarity), words.coverage(c.lexemes)
        score = similarity + WORD_WEIGHT[space] * coverage
        if c.article_id not in best or score > best[c.article_id].score:
            passage = KbPassage(c.version_id, c.language, c.heading, c.body)
            best[c.article_id] = KbHit(
                c.article_id,
                c.slug,
                Kind(c.kind),
                list(c.tags),
                passage,
                [],
                similarity,
                coverage,
                score,
                space,
            )
    chosen = sorted(best.values(), key=lambda hit: -hit.score)[:limit]
    versions = await version_summaries(conn, [hit.article_id for hit in chosen])
    return [replace(hit, versions=versions.get(hit.article_id, [])) for hit in chosen]


async def search_text(
    conn: AsyncConnection, workspace_id: int, text_: str, *, language: str | None, limit: int = 5
) -> list[KbHit]:
    """``search`` for a caller without the question's vector: embeds it (off the event loop) first."""
    space = space_for(language)
    vectors = await asyncio.to_thread(embed, [text_], space, query=True)
    return await search(
        conn, workspace_id, text_, language=language, space=space, vector=vectors[0], limit=limit
    )
