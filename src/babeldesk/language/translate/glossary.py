"""A workspace's glossary in the database: read it whole, change it term by term.

Every change bumps the workspace's glossary version in the same transaction, so the translation
cache never serves a translation made under an older glossary.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.db.translation_tables import glossary_terms, glossary_versions
from babeldesk.language.translate.protect import Glossary, GlossaryTerm, TermKind


async def load_glossary(conn: AsyncConnection, workspace_id: int) -> Glossary:
    rows = (
        await conn.execute(
            select(
                glossary_terms.c.term,
                glossary_terms.c.kind,
                glossary_terms.c.language,
                glossary_terms.c.translation,
            )
            .where(glossary_terms.c.workspace_id == workspace_id)
            .order_by(glossary_terms.c.id)
        )
    ).all()
    keep: dict[str, GlossaryTerm] = {}
    fixed: dict[str, dict[str, str]] = {}
    for term, kind, language, translation in rows:
        if kind == TermKind.NEVER_TRANSLATE:
            keep[term] = GlossaryTerm(term, TermKind.NEVER_TRANSLATE)
        else:
            fixed.setdefault(term, {})[language] = translation
    terms = [*keep.values(), *(GlossaryTerm(t, TermKind.FIXED, langs) for t, langs in fixed.items())]
    return Glossary(tuple(terms), await glossary_version(conn, workspace_id))


async def glossary_version(conn: AsyncConnection, workspace_id: int) -> int:
    version = await conn.scalar(
        select(glossary_versions.c.version).where(glossary_versions.c.workspace_id == workspace_id)
    )
    return int(version or 0)


async def do_keep_term(conn: AsyncConnection, workspace_id: int, term: str) -> None:
    """Never translate ``term`` (a brand, product name or SKU)."""
    await _upsert(conn, workspace_id, term.strip(), TermKind.NEVER_TRANSLATE, None, None)


async def do_fix_translation(
    conn: AsyncConnection, workspace_id: int, term: str, language: str, translation: str
) -> None:
    """Always translate ``term`` into ``language`` as ``translation``."""
    await _upsert(conn, workspace_id, term.strip(), TermKind.FIXED, language, translation.strip())


async def do_remove_term(
    conn: AsyncConnection, workspace_id: int, term: str, kind: TermKind, language: str | None = None
) -> bool:
    condition = [
        glossary_terms.c.workspace_id == workspace_id,
        glossary_terms.c.term == term,
        glossary_terms.c.kind == kind.value,
    ]
    if language is not None:
        condition.append(glossary_terms.c.language == language)
    removed = (await conn.execute(delete(glossary_terms).where(*condition))).rowcount
    if removed:
        await _bump_version(conn, workspace_id)
    return bool(removed)


async def _upsert(
    conn: AsyncConnection,
    workspace_id: int,
    term: str,
    kind: TermKind,
    language: str | None,
    translation: str | None,
) -> None:
    if not term:
        raise ValueError("a glossary term cannot be empty")
    statement = insert(glossary_terms).values(
        workspace_id=workspace_id, term=term, kind=kind.value, language=language, translation=translation
    )
    await conn.execute(
        statement.on_conflict_do_update(
            constraint="glossary_terms_key",
            set_={"translation": statement.excluded.translation, "updated_at": func.now()},
        )
    )
    await _bump_version(conn, workspace_id)


async def _bump_version(conn: AsyncConnection, workspace_id: int) -> None:
    statement = insert(glossary_versions).values(workspace_id=workspace_id, version=1)
    await conn.execute(
        statement.on_conflict_do_update(
            index_elements=[glossary_versions.c.workspace_id],
            set_={"version": glossary_versions.c.version + 1},
        )
    )
