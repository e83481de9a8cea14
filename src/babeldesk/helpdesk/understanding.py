"""The *understand* stage of the spine for one inbound message: its language, the conversation's
language, and translations into the languages the workspace's agents read.

Runs in the worker. Detection and the database writes are quick; translation talks to engines, so
no transaction is held open while it does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.messages import Direction
from babeldesk.db.engine import Database
from babeldesk.db.tables import agents, conversations, messages, workspaces
from babeldesk.helpdesk.events import CONVERSATION_UPDATED, MESSAGE_UPDATED, Event, notify_event
from babeldesk.helpdesk.messages import get_messages
from babeldesk.helpdesk.records import Message
from babeldesk.language import Detection, conversation_language, detect
from babeldesk.language.translate import Glossary, Status, TranslatorChain, load_glossary, translate_cached
from babeldesk.language.translate.base import base_language

# How many of the customer's latest messages decide the conversation's language.
LANGUAGE_WINDOW = 20


class TranslationPending(Exception):
    """Every engine failed for some language; the job is retried until one answers."""


@dataclass(frozen=True)
class Plan:
    """What the translation step needs, read in the detection transaction."""

    message: Message
    workspace_id: int
    customer_id: int
    region: str
    settings: dict[str, Any]
    targets: tuple[str, ...]
    glossary: Glossary


def reader_targets(
    message_language: str | None, agent_languages: Sequence[Sequence[dict[str, Any]]]
) -> tuple[str, ...]:
    """One language per agent who cannot read the message: the first language they read."""
    language = base_language(message_language or "")
    if language in ("", "und"):
        return ()
    targets: dict[str, None] = {}
    for skills in agent_languages:
        readable = [s["code"] for s in skills if s.get("read", True)]
        if readable and language not in {base_language(code) for code in readable}:
            targets[readable[0]] = None
    return tuple(targets)


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


async def do_detect(conn: AsyncConnection, message_id: int) -> Plan | None:
    """Detect the message's language (once), update the conversation's, and plan translations.

    Returns None for messages that need nothing (unknown, or not from the customer).
    """
    found = (await get_messages(conn, {message_id})).get(message_id)
    if found is None or found.direction != Direction.INBOUND:
        return None
    row = (
        await conn.execute(
            select(
                conversations.c.id,
                conversations.c.workspace_id,
                conversations.c.customer_id,
                conversations.c.region,
                conversations.c.language,
                conversations.c.language_locked,
                workspaces.c.settings,
            )
            .join(workspaces, workspaces.c.id == conversations.c.workspace_id)
            .where(conversations.c.id == found.conversation_id)
            .with_for_update(of=conversations)
        )
    ).one()
    message = found if found.language is not None else await _store_detection(conn, found, detect(found.body))
    await _update_conversation_language(conn, row, message)
    skills = (
        (
            await conn.execute(
                select(agents.c.languages).where(
                    agents.c.workspace_id == row.workspace_id, agents.c.is_active
                )
            )
        )
        .scalars()
        .all()
    )
    targets = reader_targets(message.language, skills)
    glossary = await load_glossary(conn, row.workspace_id)
    plan = Plan(message, row.workspace_id, row.customer_id, row.region, dict(row.settings), targets, glossary)
    # The console shows the language at once, and "translating…" until the translations come.
    await do_store_translations(conn, plan, "pending" if targets else "not_needed", {})
    return plan


async def _store_detection(conn: AsyncConnection, message: Message, found: Detection) -> Message:
    spans = [{"start": s.start, "end": s.end, "language": s.language} for s in found.spans]
    await conn.execute(
        update(messages)
        .where(messages.c.id == message.id)
        .values(
            language=found.language,
            language_confidence=found.confidence,
            language_mixed=found.mixed,
            language_spans=spans,
        )
    )
    return message.model_copy(
        update={
            "language": found.language,
            "language_confidence": found.confidence,
            "language_mixed": found.mixed,
            "language_spans": spans,
        }
    )


async def _update_conversation_language(conn: AsyncConnection, conversation: Any, message: Message) -> None:
    rows = await conn.execute(
        select(messages.c.language, messages.c.language_confidence, messages.c.body)
        .where(
            messages.c.conversation_id == conversation.id,
            messages.c.direction == Direction.INBOUND,
            messages.c.language.is_not(None),
        )
        .order_by(messages.c.id.desc())
        .limit(LANGUAGE_WINDOW)
    )
    history = [
        Detection(language=r.language, confidence=r.language_confidence or 0.0, letters=_letters(r.body))
        for r in reversed(rows.all())
    ]
    chosen = conversation_language(history, conversation.language, conversation.language_locked)
    if chosen == conversation.language:
        return
    await conn.execute(
        update(conversations).where(conversations.c.id == conversation.id).values(language=chosen)
    )
    await notify_event(
        conn,
        Event(CONVERSATION_UPDATED, conversation.workspace_id, conversation.id, conversation.customer_id),
    )


async def translate_for_agents(
    db: Database, plan: Plan, chain: TranslatorChain | None
) -> tuple[str, dict[str, Any]]:
    """Translate the message into each target; returns the state and the translations made."""
    if not plan.targets:
        return "not_needed", {}
    if chain is None:
        return "no_engine", {}
    done: dict[str, Any] = {}
    missing = False
    for target in plan.targets:
        result = await translate_cached(
            db,
            chain,
            [plan.message.body],
            workspace_id=plan.workspace_id,
            source=plan.message.language,
            target=target,
            glossary=plan.glossary,
            customer_id=plan.customer_id,
            region=plan.region,
        )
        if result.status == Status.NO_ENGINE:
            return "no_engine", {}
        if result.texts is None:
            missing = True
            continue
        done[target] = {"text": result.texts[0], "engine": result.engine, "at": datetime.now(UTC).isoformat()}
    return ("not_translated" if missing else "translated"), done


async def do_store_translations(
    conn: AsyncConnection, plan: Plan, state: str, translations: dict[str, Any]
) -> None:
    await conn.execute(
        update(messages)
        .where(messages.c.id == plan.message.id)
        .values(translation_state=state, translations=messages.c.translations.op("||")(translations))
    )
    await notify_event(
        conn,
        Event(
            MESSAGE_UPDATED,
            plan.workspace_id,
            plan.message.conversation_id,
            plan.customer_id,
            message_id=plan.message.id,
            data={"message_id": plan.message.id, "translation_state": state, "translations": translations},
        ),
    )
