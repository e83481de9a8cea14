"""``babeldesk kb import PATH…``: load articles and FAQ from Markdown, CSV and JSON files."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babeldesk.settings import Settings

if TYPE_CHECKING:
    from babeldesk.kb.importer import ImportReport
    from babeldesk.kb.sources import Entry, Problem

IMPORT_HELP = """Files: Markdown (front matter title, language, slug, tags, kind; or the first # heading as
title; name.es.md is the es version of name), CSV (columns question/title, answer/body, language, slug,
tags) and JSON (a list of objects with the same fields). Folders are read recursively. Entries with the
same slug in several languages are versions of one article. Importing again updates what changed."""


def add_kb_command(commands: Any) -> None:
    """Register ``kb`` and its subcommands on the ``babeldesk`` command's subparsers."""
    kb = commands.add_parser("kb", help="manage the knowledge base")
    actions = kb.add_subparsers(dest="kb_action", required=True, metavar="ACTION")
    load = actions.add_parser("import", help="import articles and FAQ from files", description=IMPORT_HELP)
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    load.add_argument("--workspace", help="the workspace's slug (needed when there are several)")
    load.add_argument("--language", help="the language of entries that don't say (e.g. en)")


def cmd_kb(settings: Settings, args: argparse.Namespace) -> int:
    from babeldesk.db.engine import resolve_database_url
    from babeldesk.db.migrate import upgrade

    entries, problems = read_entries(args.paths, args.language)
    url = resolve_database_url(settings)
    upgrade(url)
    try:
        report = asyncio.run(_import(url, args.workspace, entries))
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report.problems[:0] = problems
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(f"knowledge base: {report}")
    return 1 if report.problems else 0


def read_entries(paths: list[Path], language: str | None) -> tuple[list[Entry], list[Problem]]:
    from babeldesk.kb.sources import Problem, files_in, read_file

    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in files_in(paths):
        for item in [path] if isinstance(path, Problem) else read_file(path, language):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                entries.append(item)
    return entries, problems


async def _import(url: str, workspace: str | None, entries: list[Entry]) -> ImportReport:
    # Here, not at the top: ``babeldesk --help`` and other commands should not load the search stack.
    from babeldesk.db.engine import Database
    from babeldesk.kb.importer import import_entries
    from babeldesk.kb.progress import ProgressBar

    db = Database(url, pool_size=1)
    try:
        async with db.transaction() as conn:
            workspace_id = await _workspace_id(conn, workspace)
        bar = ProgressBar(len(entries), "entries")
        report = await import_entries(db, workspace_id, entries, progress=bar)
        bar.finish()
        return report
    finally:
        await db.dispose()


async def _workspace_id(conn: Any, slug: str | None) -> int:
    from sqlalchemy import select

    from babeldesk.db.tables import workspaces

    rows = (await conn.execute(select(workspaces.c.id, workspaces.c.slug).order_by(workspaces.c.id))).all()
    if slug is not None:
        found = [r.id for r in rows if r.slug == slug]
        if not found:
            raise LookupError(
                f"no workspace {slug!r}; there are: {', '.join(r.slug for r in rows) or 'none'}"
            )
        return int(found[0])
    if len(rows) != 1:
        raise LookupError(f"{len(rows)} workspaces: say which with --workspace")
    return int(rows[0].id)
