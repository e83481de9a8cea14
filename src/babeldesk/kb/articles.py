"""Articles and their language versions in the database: reading, creating, changing, deleting.

Writes take ``Draft``s (content already cut and embedded, see ``drafts``), so they are quick and
can run inside a request's or an import's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.kb_tables import kb_articles, kb_passages, kb_versions
from babeldesk.kb.drafts import Draft
from babeldesk.kb.passages import ts_config
from babeldesk.kb.records import Article, ArticleDetail, Kind, Origin, Version, VersionSummary

SUMMARY_COLUMNS = [kb_versions.c[name] for name in VersionSummary.model_fields]


async def list_articles(
    conn: AsyncConnection, workspace_id: int, *, limit: int = 100, offset: int = 0
) -> list[Article]:
    rows = (
        await conn.execute(
            select(kb_articles)
            .where(kb_articles.c.workspace_id == workspace_id)
            .order_by(kb_articles.c.slug)
            .limit(limit)
            .offset(offset)
        )
    ).all()
    versions = await version_summaries(conn, [r.id for r in rows])
    return [Article.model_validate({**r._mapping, "versions": versions.get(r.id, [])}) for r in rows]


async def version_summaries(
    conn: AsyncConnection, article_ids: Sequence[int]
) -> dict[int, list[VersionSummary]]:
    rows = await conn.execute(
        select(kb_versions.c.article_id, *SUMMARY_COLUMNS)
        .where(kb_versions.c.article_id.in_(article_ids))
        .order_by(kb_versions.c.language)
    )
    found: dict[int, list[VersionSummary]] = {}
    for row in rows:
        found.setdefault(row.article_id, []).append(VersionSummary.model_validate(row))
    return found


async def get_article(conn: AsyncConnection, workspace_id: int, article_id: int) -> ArticleDetail:
    row = (
        await conn.execute(
            select(kb_articles).where(
                kb_articles.c.id == article_id, kb_articles.c.workspace_id == workspace_id
            )
        )
    ).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"article {article_id} not found")
    versions = await conn.execute(
        select(kb_versions).where(kb_versions.c.article_id == article_id).order_by(kb_versions.c.language)
    )
    return ArticleDetail.model_validate(
        {**row._mapping, "versions": [Version.model_validate(v) for v in versions]}
    )


async def find_article_id(conn: AsyncConnection, workspace_id: int, slug: str) -> int | None:
    return await conn.scalar(
        select(kb_articles.c.id).where(kb_articles.c.workspace_id == workspace_id, kb_articles.c.slug == slug)
    )


async def do_create_article(
    conn: AsyncConnection, workspace_id: int, *, slug: str, kind: Kind, tags: Sequence[str]
) -> int:
    if await find_article_id(conn, workspace_id, slug) is not None:
        raise DomainError(ErrorCode.CONFLICT, f"an article with the slug {slug!r} exists already")
    article_id = await conn.scalar(
        insert(kb_articles)
        .values(workspace_id=workspace_id, slug=slug, kind=kind, tags=list(tags))
        .returning(kb_articles.c.id)
    )
    assert article_id is not None
    return int(article_id)


async def do_update_article(
    conn: AsyncConnection,
    workspace_id: int,
    article_id: int,
    *,
    slug: str | None = None,
    kind: Kind | None = None,
    tags: Sequence[str] | None = None,
) -> None:
    """Change what is given. A new ``kind`` cuts passages differently: save the versions again after."""
    if slug is not None and await find_article_id(conn, workspace_id, slug) not in (None, article_id):
        raise DomainError(ErrorCode.CONFLICT, f"an article with the slug {slug!r} exists already")
    changes = {"slug": slug, "kind": kind, "tags": None if tags is None else list(tags)}
    result = await conn.execute(
        update(kb_articles)
        .where(kb_articles.c.id == article_id, kb_articles.c.workspace_id == workspace_id)
        .values(**{k: v for k, v in changes.items() if v is not None}, updated_at=func.now())
    )
    if result.rowcount == 0:
        raise DomainError(ErrorCode.NOT_FOUND, f"article {article_id} not found")


async def do_delete_article(conn: AsyncConnection, workspace_id: int, article_id: int) -> None:
    result = await conn.execute(
        delete(kb_articles).where(kb_articles.c.id == article_id, kb_articles.c.workspace_id == workspace_id)
    )
    if result.rowcount == 0:
        raise DomainError(ErrorCode.NOT_FOUND, f"article {article_id} not found")


async def do_save_version(
    conn: AsyncConnection,
    workspace_id: int,
    article_id: int,
    draft: Draft,
    *,
    origin: Origin = Origin.HUMAN,
    engine: str | None = None,
    source_version_id: int | None = None,
) -> Version:
    """Create or replace the article's version in ``draft``'s language, with its passages.

    A person's version replaces a machine one in the same language. Machine versions translated from
    this one are dropped when its text changes: they are made again, from the new text, on demand.
    Saving the same text again changes nothing.
    """
    content = draft.content
    existing = (
        await conn.execute(
            select(kb_versions).where(
                kb_versions.c.article_id == article_id, kb_versions.c.language == content.language
            )
        )
    ).first()
    if existing is not None and (bytes(existing.content_sha256), existing.origin) == (draft.sha256, origin):
        return Version.model_validate(existing)
    values = {
        "title": content.title,
        "body": content.body,
        "origin": origin,
        "engine": engine,
        "source_version_id": source_version_id,
        "content_sha256": draft.sha256,
    }
    statement = pg_insert(kb_versions).values(article_id=article_id, language=content.language, **values)
    row = (
        await conn.execute(
            statement.on_conflict_do_update(
                constraint="kb_versions_language", set_={**values, "updated_at": func.now()}
            ).returning(*kb_versions.c)
        )
    ).one()
    await conn.execute(delete(kb_versions).where(kb_versions.c.source_version_id == row.id))
    await conn.execute(delete(kb_passages).where(kb_passages.c.version_id == row.id))
    await conn.execute(
        insert(kb_passages),
        [
            {
                "workspace_id": workspace_id,
                "article_id": article_id,
                "version_id": row.id,
                "position": position,
                "heading": passage.heading,
                "body": passage.body,
                "ts_config": ts_config(content.language),
                "use_vec": draft.use[position],
                "e5_vec": draft.e5[position],
            }
            for position, passage in enumerate(draft.passages)
        ],
    )
    await conn.execute(
        update(kb_articles).where(kb_articles.c.id == article_id).values(updated_at=func.now())
    )
    return Version.model_validate(row)


async def do_delete_version(conn: AsyncConnection, workspace_id: int, article_id: int, language: str) -> None:
    """Remove one language version; an article keeps at least one (delete the article instead)."""
    article = await get_article(conn, workspace_id, article_id)
    if not any(v.language == language for v in article.versions):
        raise DomainError(ErrorCode.NOT_FOUND, f"article {article_id} has no {language} version")
    if len(article.versions) == 1:
        raise DomainError(
            ErrorCode.CONFLICT, "this is the article's only version: delete the article instead"
        )
    await conn.execute(
        delete(kb_versions).where(kb_versions.c.article_id == article_id, kb_versions.c.language == language)
    )


async def stored_hashes(conn: AsyncConnection, workspace_id: int) -> dict[tuple[str, str], tuple[bytes, str]]:
    """(slug, language) → (content hash, origin) of every version: what an import need not redo."""
    rows = await conn.execute(
        select(kb_articles.c.slug, kb_versions.c.language, kb_versions.c.content_sha256, kb_versions.c.origin)
        .join(kb_versions, kb_versions.c.article_id == kb_articles.c.id)
        .where(kb_articles.c.workspace_id == workspace_id)
    )
    return {(r.slug, r.language): (bytes(r.content_sha256), r.origin) for r in rows}
