"""The translation cache in PostgreSQL.

An identical text, translated between the same languages by the same engine under the same glossary
version, is served from here instead of the engine. Entries hold a hash of the text (not the text)
and the translation, with the ``customer_id`` and ``region`` of whoever wrote it, so one customer's
entries can be found and erased.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.db.engine import Database
from babeldesk.db.translation_tables import translation_cache
from babeldesk.language.translate.chain import Status, TranslatedText, TranslationResult, TranslatorChain
from babeldesk.language.translate.protect import Glossary

AUTO = "auto"


@dataclass(frozen=True)
class CacheScope:
    """What besides the text decides whether a cached translation fits."""

    workspace_id: int
    source: str | None
    target: str
    glossary_version: int

    @property
    def source_lang(self) -> str:
        return self.source or AUTO


def text_hash(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


async def lookup(
    conn: AsyncConnection, scope: CacheScope, texts: Sequence[str], engines: Sequence[str]
) -> dict[int, TranslatedText]:
    """Cached translations by position in ``texts``; from the earliest of ``engines`` that has one."""
    if not texts or not engines:
        return {}
    hashes = {text_hash(t) for t in texts}
    rows = (
        await conn.execute(
            select(
                translation_cache.c.text_sha256, translation_cache.c.engine, translation_cache.c.translation
            ).where(
                translation_cache.c.workspace_id == scope.workspace_id,
                translation_cache.c.text_sha256.in_(hashes),
                translation_cache.c.source_lang == scope.source_lang,
                translation_cache.c.target_lang == scope.target,
                translation_cache.c.glossary_version == scope.glossary_version,
                translation_cache.c.engine.in_(engines),
            )
        )
    ).all()
    preference = {name: rank for rank, name in enumerate(engines)}
    best: dict[bytes, tuple[int, str, str]] = {}
    for digest, engine, translation in rows:
        candidate = (preference[engine], engine, translation)
        if digest not in best or candidate < best[digest]:
            best[digest] = candidate
    found = {}
    for i, text in enumerate(texts):
        hit = best.get(text_hash(text))
        if hit is not None:
            found[i] = TranslatedText(hit[2], hit[1], cached=True)
    return found


async def store(
    conn: AsyncConnection,
    scope: CacheScope,
    texts: Sequence[str],
    items: Sequence[TranslatedText],
    *,
    customer_id: int | None,
    region: str,
) -> int:
    """Remember fresh translations; ones rebuilt piece by piece are not kept (the next try may do better)."""
    rows = {
        (text_hash(text), item.engine): item.text
        for text, item in zip(texts, items, strict=True)
        if not item.cached and not item.retried
    }
    if not rows:
        return 0
    statement = insert(translation_cache).values(
        [
            {
                "workspace_id": scope.workspace_id,
                "customer_id": customer_id,
                "region": region,
                "text_sha256": digest,
                "source_lang": scope.source_lang,
                "target_lang": scope.target,
                "engine": engine,
                "glossary_version": scope.glossary_version,
                "translation": translation,
            }
            for (digest, engine), translation in rows.items()
        ]
    )
    await conn.execute(
        statement.on_conflict_do_update(
            constraint="translation_cache_key", set_={"translation": statement.excluded.translation}
        )
    )
    return len(rows)


async def erase_customer_entries(conn: AsyncConnection, customer_id: int) -> int:
    """Delete every cached translation of this customer's words; returns how many there were."""
    result = await conn.execute(
        delete(translation_cache).where(translation_cache.c.customer_id == customer_id)
    )
    return int(result.rowcount)


async def translate_cached(
    db: Database,
    chain: TranslatorChain,
    texts: Sequence[str],
    *,
    workspace_id: int,
    source: str | None,
    target: str,
    glossary: Glossary,
    customer_id: int | None,
    region: str,
) -> TranslationResult:
    """``chain.translate`` behind the cache. No database connection is held while engines work."""
    scope = CacheScope(workspace_id, source, target, glossary.version)
    async with db.transaction() as conn:
        hits = await lookup(conn, scope, texts, chain.names)
    missing = [i for i in range(len(texts)) if i not in hits]
    if not missing:
        return TranslationResult(Status.TRANSLATED, tuple(hits[i] for i in range(len(texts))))
    fresh = await chain.translate(
        [texts[i] for i in missing], source=source, target=target, glossary=glossary
    )
    if fresh.items is None:
        return fresh
    async with db.transaction() as conn:
        await store(
            conn, scope, [texts[i] for i in missing], fresh.items, customer_id=customer_id, region=region
        )
    items = dict(hits) | dict(zip(missing, fresh.items, strict=True))
    return TranslationResult(fresh.status, tuple(items[i] for i in range(len(texts))), fresh.failures)
