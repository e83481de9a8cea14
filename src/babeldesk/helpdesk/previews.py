"""The inbox's one-line preview in other languages: where a conversation's last message is the
customer's and has been translated, the translations, cut to a line like the preview itself.

The console picks the one the signed-in agent reads (as it does for the thread), so one answer
serves every agent and live translations can replace it message by message.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.messages import Direction, preview
from babeldesk.db.tables import conversations, messages


class PreviewTranslation(BaseModel):
    text: str
    engine: str | None = None


class TranslatedPreview(BaseModel):
    """The last message of a conversation when it is the customer's, in the languages it was
    translated into (none yet, while translation is pending)."""

    message_id: int
    language: str | None
    translations: dict[str, PreviewTranslation]


async def translated_previews(
    conn: AsyncConnection, workspace_id: int, conversation_ids: Collection[int]
) -> dict[int, TranslatedPreview]:
    if not conversation_ids:
        return {}
    # The preview shows the last message anyone but the team saw: internal notes never count.
    last = (
        select(messages.c.id, messages.c.direction, messages.c.language, messages.c.translations)
        .where(messages.c.conversation_id == conversations.c.id, messages.c.direction != Direction.INTERNAL)
        .order_by(messages.c.id.desc())
        .limit(1)
        .lateral("last")
    )
    query = (
        select(conversations.c.id, last.c.id.label("message_id"), last.c.language, last.c.translations)
        .select_from(conversations.join(last, true()))
        .where(
            conversations.c.workspace_id == workspace_id,
            conversations.c.id.in_(list(conversation_ids)),
            last.c.direction == Direction.INBOUND,
        )
    )
    return {
        row.id: TranslatedPreview(
            message_id=row.message_id, language=row.language, translations=_lines(row.translations)
        )
        for row in await conn.execute(query)
    }


def _lines(translations: dict[str, Any]) -> dict[str, PreviewTranslation]:
    lines = {}
    for language, done in translations.items():
        if isinstance(done, dict) and isinstance(done.get("text"), str) and done["text"].strip():
            lines[language] = PreviewTranslation(text=preview(done["text"]), engine=done.get("engine"))
    return lines
