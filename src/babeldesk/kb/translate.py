"""An article in a language nobody wrote it in: translated through the workspace's engines and kept
as a machine version, so the next customer asking in that language reads it at once.

Markdown survives translation: only the words go to the engines (line by line for headings, list
items and table cells, a paragraph at a time otherwise); marks, code blocks and table rules stay as
written. The glossary applies as it does to messages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from sqlalchemy import select

from babeldesk.db.engine import Database
from babeldesk.db.kb_tables import kb_versions
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.helpdesk.workspaces import get_workspace
from babeldesk.kb.articles import do_save_version, get_article
from babeldesk.kb.drafts import Content, prepare
from babeldesk.kb.records import Origin, Version, best_version, language_tag, original
from babeldesk.language.translate import load_glossary, translate_cached
from babeldesk.language.translate.base import base_language

log = logging.getLogger(__name__)

_FENCE = re.compile(r"^\s*(```|~~~)")
_MARKER = re.compile(r"^(\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s?)+)(.*)$")
_TABLE_RULE = re.compile(r"^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$")


@dataclass
class Layout:
    """A Markdown text as literal pieces and the texts to translate, to be put back in place."""

    parts: list[str | int] = field(default_factory=list)  # literal text, or an index into ``texts``
    texts: list[str] = field(default_factory=list)

    def literal(self, text: str) -> None:
        self.parts.append(text)

    def words(self, text: str) -> None:
        stripped = text.strip()
        if not stripped:
            self.literal(text)
            return
        start = text.index(stripped)
        self.literal(text[:start])
        self.parts.append(len(self.texts))
        self.texts.append(stripped)
        self.literal(text[start + len(stripped) :])

    def render(self, translated: list[str]) -> str:
        return "".join(p if isinstance(p, str) else translated[p] for p in self.parts).rstrip("\n")


def markdown_layout(markdown: str) -> Layout:
    layout = Layout()
    paragraph: list[str] = []
    fenced = False

    def flush() -> None:
        if paragraph:
            layout.words(" ".join(paragraph))
            layout.literal("\n")
            paragraph.clear()

    for line in markdown.splitlines():
        marker = _MARKER.match(line)
        if _FENCE.match(line) or fenced or not line.strip() or _TABLE_RULE.match(line):
            flush()
            fenced ^= bool(_FENCE.match(line))
            layout.literal(line + "\n")
        elif line.lstrip().startswith("|"):
            flush()
            for number, cell in enumerate(line.split("|")):
                layout.literal("|" if number else "")
                layout.words(cell)
            layout.literal("\n")
        elif marker:
            flush()
            layout.literal(marker.group(1))
            layout.words(marker.group(2))
            layout.literal("\n")
        else:
            paragraph.append(line.strip())
    flush()
    return layout


async def do_machine_version(
    db: Database, chains: ChainCache, workspace_id: int, article_id: int, language: str
) -> Version | None:
    """The article's version in ``language``: the one there is, else one translated now from the
    original. None when the workspace has no translation engine or none of its engines answered."""
    language = language_tag(language)
    async with db.transaction() as conn:
        workspace = await get_workspace(conn, workspace_id)
        article = await get_article(conn, workspace_id, article_id)
        glossary = await load_glossary(conn, workspace_id)
    have = best_version(article.versions, language)
    if have is not None and base_language(have.language) == base_language(language):
        return have
    chain = chains.chain_for(workspace_id, workspace.settings)
    source = original(article.versions)
    if chain is None or not chain.slots or source is None:
        return None
    layout = markdown_layout(source.body)
    result = await translate_cached(
        db,
        chain,
        [source.title, *layout.texts],
        workspace_id=workspace_id,
        source=source.language,
        target=language,
        glossary=glossary,
        customer_id=None,
        region=workspace.default_region,
    )
    if result.texts is None:
        log.warning("article %s not translated to %s: %s", article.slug, language, result.failures)
        return None
    title, *texts = result.texts
    [draft] = await prepare([Content(article.kind, language, title, layout.render(texts))])
    async with db.transaction() as conn:
        # Edited while the engines worked: this translation is of a text that is gone.
        if await conn.scalar(select(kb_versions.c.updated_at).where(kb_versions.c.id == source.id)) != (
            source.updated_at
        ):
            return None
        return await do_save_version(
            conn,
            workspace_id,
            article_id,
            draft,
            origin=Origin.MACHINE,
            engine=result.engine,
            source_version_id=source.id,
        )
