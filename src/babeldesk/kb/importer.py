"""Importing entries into a workspace's knowledge base: idempotent, batched, reporting what it skipped.

An entry whose text is already stored is not cut or embedded again; a person's entry replaces a
machine translation in its language; a changed kind applies to the versions imported with it.
Entries are embedded a batch at a time outside any transaction, then each batch is written in one
transaction, so a failure loses at most that batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.db.engine import Database
from babeldesk.db.kb_tables import kb_articles
from babeldesk.kb.articles import do_create_article, do_save_version, do_update_article
from babeldesk.kb.articles import stored_hashes as load_hashes
from babeldesk.kb.drafts import Content, content_sha256, prepare
from babeldesk.kb.records import Kind, Origin
from babeldesk.kb.sources import Entry, Problem

# Entries per transaction: big enough to fill the encoder's batches, small enough to lose little.
ENTRIES_PER_BATCH = 16


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        skipped = f", {len(self.problems)} skipped" if self.problems else ""
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged{skipped}"


Progress = Callable[[int], None]


@dataclass(frozen=True)
class _Article:
    """What an import says of one article, from all its entries."""

    kind: Kind
    tags: tuple[str, ...] | None


async def import_entries(
    db: Database, workspace_id: int, entries: Sequence[Entry], *, progress: Progress | None = None
) -> ImportReport:
    """Store ``entries``; ``progress`` hears how many entries each step finished."""
    report = ImportReport()
    unique = _first_of_each(entries, report)
    if progress is not None and len(unique) < len(entries):
        progress(len(entries) - len(unique))
    async with db.transaction() as conn:
        stored = await load_hashes(conn, workspace_id)
        rows = await conn.execute(
            select(kb_articles.c.slug, kb_articles.c.kind).where(kb_articles.c.workspace_id == workspace_id)
        )
        kinds = {row.slug: Kind(row.kind) for row in rows}
    plan = _plan(unique, kinds)
    for start in range(0, len(unique), ENTRIES_PER_BATCH):
        batch = unique[start : start + ENTRIES_PER_BATCH]
        await _import_batch(db, workspace_id, batch, plan, stored, report)
        if progress is not None:
            progress(len(batch))
    return report


def _first_of_each(entries: Sequence[Entry], report: ImportReport) -> list[Entry]:
    """One entry per (slug, language): a second one is reported, not silently preferred."""
    seen: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        first = seen.setdefault((entry.slug, entry.language), entry)
        if first is not entry:
            report.problems.append(
                Problem(entry.where, f"{entry.slug} ({entry.language}) is given already at {first.where}")
            )
    return list(seen.values())


def _plan(entries: Sequence[Entry], kinds: dict[str, Kind]) -> dict[str, _Article]:
    """Per slug: the first kind an entry says, else the stored one, else the format's default; the
    first tags an entry gives (an entry without tags leaves them as they are)."""
    plan: dict[str, _Article] = {}
    for slug in dict.fromkeys(e.slug for e in entries):
        group = [e for e in entries if e.slug == slug]
        said = next((e.kind for e in group if e.kind is not None), None)
        tags = next((e.tags for e in group if e.tags is not None), None)
        plan[slug] = _Article(said or kinds.get(slug) or group[0].default_kind, tags)
    return plan


async def _import_batch(
    db: Database,
    workspace_id: int,
    batch: Sequence[Entry],
    plan: dict[str, _Article],
    stored: dict[tuple[str, str], tuple[bytes, str]],
    report: ImportReport,
) -> None:
    def content(e: Entry) -> Content:
        return Content(plan[e.slug].kind, e.language, e.title, e.body)

    def is_new_text(e: Entry) -> bool:
        c = content(e)
        return stored.get((e.slug, e.language)) != (content_sha256(c.kind, c.title, c.body), Origin.HUMAN)

    changed = [e for e in batch if is_new_text(e)]
    drafts = await prepare([content(e) for e in changed])
    by_entry = dict(zip((id(e) for e in changed), drafts, strict=True))
    async with db.transaction() as conn:
        for entry in batch:
            article_id = await _article_for(conn, workspace_id, entry.slug, plan[entry.slug])
            draft = by_entry.get(id(entry))
            if draft is None:
                report.unchanged += 1
                continue
            await do_save_version(conn, workspace_id, article_id, draft)
            if (entry.slug, entry.language) in stored:
                report.updated += 1
            else:
                report.created += 1
    for entry in changed:
        stored[(entry.slug, entry.language)] = (by_entry[id(entry)].sha256, Origin.HUMAN)


async def _article_for(conn: AsyncConnection, workspace_id: int, slug: str, says: _Article) -> int:
    """The article of ``slug``, created on first sight; its kind and tags follow the import."""
    row = (
        await conn.execute(
            select(kb_articles.c.id, kb_articles.c.kind, kb_articles.c.tags).where(
                kb_articles.c.workspace_id == workspace_id, kb_articles.c.slug == slug
            )
        )
    ).first()
    if row is None:
        return await do_create_article(conn, workspace_id, slug=slug, kind=says.kind, tags=says.tags or ())
    tags = None if says.tags is None or list(says.tags) == list(row.tags) else says.tags
    if row.kind != says.kind or tags is not None:
        await do_update_article(conn, workspace_id, row.id, kind=says.kind, tags=tags)
    return int(row.id)
