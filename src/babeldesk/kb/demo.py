"""The demo shop's help articles (shipping, returns, sizes, payment, customs, order changes), written
for Babeldesk in English, with versions by people in Spanish and German for some of them."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.kb.articles import do_create_article, do_save_version, find_article_id
from babeldesk.kb.drafts import Content, prepare
from babeldesk.kb.sources import Problem, read_json

ARTICLES = Path(__file__).parent / "demo_articles.json"


async def seed_demo_articles(conn: AsyncConnection, workspace_id: int) -> int:
    """Store the demo articles in the workspace (again: unchanged); returns how many versions there are.

    Embeds a few dozen passages while ``conn``'s transaction is open: fine for seeding, not for requests.
    """
    entries = list(read_json(ARTICLES.read_text(encoding="utf-8"), ARTICLES.name, None))
    problems = [e for e in entries if isinstance(e, Problem)]
    if problems:
        raise ValueError(f"the demo articles are broken: {problems[0]}")
    valid = [e for e in entries if not isinstance(e, Problem)]
    drafts = await prepare([Content(e.kind or e.default_kind, e.language, e.title, e.body) for e in valid])
    for entry, draft in zip(valid, drafts, strict=True):
        article_id = await find_article_id(conn, workspace_id, entry.slug)
        if article_id is None:
            kind = entry.kind or entry.default_kind
            article_id = await do_create_article(
                conn, workspace_id, slug=entry.slug, kind=kind, tags=entry.tags or ()
            )
        await do_save_version(conn, workspace_id, article_id, draft)
    return len(valid)
