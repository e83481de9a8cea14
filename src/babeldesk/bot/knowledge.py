"""E1's ``Knowledge`` over the knowledge base: the best article for a question, in the customer's
language — as written, else translated now by the workspace's engines, else "only in X"."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.bot.context import KbAnswer
from babeldesk.kb.articles import get_article
from babeldesk.kb.passages import plain
from babeldesk.kb.records import Version, best_version
from babeldesk.kb.search import KbHit, search
from babeldesk.kb.translate import do_machine_version
from babeldesk.language.translate.base import base_language
from babeldesk.nlu.embed import DIMENSIONS, Space, Vectors, embed, space_for
from babeldesk.nlu.understanding import Understanding

if TYPE_CHECKING:
    from babeldesk.bot.service import BotRuntime

# A chat answer, not a manual: longer articles are cut at a paragraph and the title says where to read on.
MAX_ANSWER_CHARS = 1200


class DatabaseKnowledge:
    """For one conversation, inside the bot turn's transaction (search reads through ``conn``)."""

    def __init__(self, conn: AsyncConnection, runtime: BotRuntime, workspace_id: int) -> None:
        self.conn = conn
        self.runtime = runtime
        self.workspace_id = workspace_id

    async def answer(self, text: str, language: str, understanding: Understanding) -> KbAnswer | None:
        space = space_for(language)
        vector = await self._vector(text, space, understanding)
        hits = await search(
            self.conn, self.workspace_id, text, language=language, space=space, vector=vector, limit=3
        )
        best = next((hit for hit in hits if hit.good_answer), None)
        if best is None:
            return None
        return await self._in_language(best, language)

    async def _vector(self, text: str, space: Space, understanding: Understanding) -> list[float]:
        vector: Vectors = understanding.vector
        if understanding.space != space or len(vector) != DIMENSIONS[space]:
            # The stored understanding carries no vector: embed the question now, off the event loop.
            vector = (await asyncio.to_thread(embed, [text], space, query=True))[0]
        return [float(x) for x in vector]

    async def _in_language(self, hit: KbHit, language: str) -> KbAnswer:
        article = await get_article(self.conn, self.workspace_id, hit.article_id)
        version = best_version(article.versions, language)
        if version is None or base_language(version.language) != base_language(language):
            translated = await do_machine_version(
                self.runtime.db, self.runtime.chains, self.workspace_id, hit.article_id, language
            )
            if translated is None:
                source = version or article.versions[0]
                return KbAnswer(title=source.title, only_in=source.language)
            version = translated
        return KbAnswer(title=version.title, text=_chat_text(version))


def _chat_text(version: Version) -> str:
    text = plain(version.body)
    if len(text) <= MAX_ANSWER_CHARS:
        return text
    cut = text.rfind("\n", 0, MAX_ANSWER_CHARS)
    return text[: cut if cut > 0 else MAX_ANSWER_CHARS].rstrip() + " …"
