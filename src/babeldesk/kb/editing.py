"""Editing the knowledge base as people do in the console: one article or version at a time, each
change embedded first (outside the transaction) and written with its audit entry."""

from __future__ import annotations

from collections.abc import Sequence

from babeldesk.db.engine import Database
from babeldesk.helpdesk.audit import do_audit
from babeldesk.kb.articles import (
    do_create_article,
    do_delete_article,
    do_delete_version,
    do_save_version,
    do_update_article,
    get_article,
)
from babeldesk.kb.drafts import Content, prepare
from babeldesk.kb.records import ArticleDetail, Kind, Origin, Version, language_tag


async def do_write_article(
    db: Database,
    workspace_id: int,
    agent_id: int | None,
    *,
    slug: str,
    kind: Kind,
    tags: Sequence[str],
    language: str,
    title: str,
    body: str,
) -> ArticleDetail:
    """A new article with its first version."""
    [draft] = await prepare([Content(kind, language_tag(language), title, body)])
    async with db.transaction() as conn:
        article_id = await do_create_article(conn, workspace_id, slug=slug, kind=kind, tags=tags)
        await do_save_version(conn, workspace_id, article_id, draft)
        await do_audit(conn, workspace_id, agent_id, "kb.article.create", "kb_article", article_id)
        return await get_article(conn, workspace_id, article_id)


async def do_write_version(
    db: Database,
    workspace_id: int,
    agent_id: int | None,
    article_id: int,
    *,
    language: str,
    title: str,
    body: str,
) -> Version:
    """A person's version in ``language``: new, edited, or replacing a machine translation."""
    language = language_tag(language)
    async with db.transaction() as conn:
        article = await get_article(conn, workspace_id, article_id)
    [draft] = await prepare([Content(article.kind, language, title, body)])
    async with db.transaction() as conn:
        await get_article(conn, workspace_id, article_id)  # deleted meanwhile: 404, not a foreign-key error
        version = await do_save_version(conn, workspace_id, article_id, draft, origin=Origin.HUMAN)
        await do_audit(
            conn, workspace_id, agent_id, "kb.version.write", "kb_article", article_id, {"language": language}
        )
        return version


async def do_change_article(
    db: Database,
    workspace_id: int,
    agent_id: int | None,
    article_id: int,
    *,
    slug: str | None,
    kind: Kind | None,
    tags: Sequence[str] | None,
) -> ArticleDetail:
    """Change slug, kind or tags. A new kind cuts people's versions into passages anew; machine
    versions made from them are dropped with their old text, and made again when next needed."""
    async with db.transaction() as conn:
        article = await get_article(conn, workspace_id, article_id)
    drafts = []
    if kind is not None and kind != article.kind:
        human = [v for v in article.versions if v.origin == Origin.HUMAN]
        drafts = await prepare([Content(kind, v.language, v.title, v.body) for v in human])
    async with db.transaction() as conn:
        await do_update_article(conn, workspace_id, article_id, slug=slug, kind=kind, tags=tags)
        for draft in drafts:
            await do_save_version(conn, workspace_id, article_id, draft)
        changes = {"slug": slug, "kind": kind, "tags": None if tags is None else list(tags)}
        data = {k: v for k, v in changes.items() if v is not None}
        await do_audit(conn, workspace_id, agent_id, "kb.article.update", "kb_article", article_id, data)
        return await get_article(conn, workspace_id, article_id)


async def do_remove_article(db: Database, workspace_id: int, agent_id: int | None, article_id: int) -> None:
    async with db.transaction() as conn:
        await do_delete_article(conn, workspace_id, article_id)
        await do_audit(conn, workspace_id, agent_id, "kb.article.delete", "kb_article", article_id)


async def do_remove_version(
    db: Database, workspace_id: int, agent_id: int | None, article_id: int, language: str
) -> None:
    language = language_tag(language)
    async with db.transaction() as conn:
        await do_delete_version(conn, workspace_id, article_id, language)
        await do_audit(
            conn,
            workspace_id,
            agent_id,
            "kb.version.delete",
            "kb_article",
            article_id,
            {"language": language},
        )
