"""The *understand* stage of the spine for one inbound message: its language, the conversation's
language, what the customer wants and how they feel, and translations into the languages the
workspace's agents read.

Runs in the worker. Detection and the database writes are quick; the understanding model runs on
the CPU and translation talks to engines, so no transaction is held open while either does.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.bot.context import Requests
from babeldesk.core.conversations import HandledBy, mood_alert
from babeldesk.core.messages import AuthorType, Direction
from babeldesk.core.quoting import own_words
from babeldesk.db.engine import Database
from babeldesk.db.tables import agents, conversations, messages, workspaces
from babeldesk.helpdesk.conversations import do_note_mood
from babeldesk.helpdesk.events import CONVERSATION_UPDATED, MESSAGE_UPDATED, Event, notify_event
from babeldesk.helpdesk.messages import get_messages
from babeldesk.helpdesk.records import Message
from babeldesk.language import UNDETERMINED, Detection, conversation_language, detect
from babeldesk.language.translate import Glossary, Status, TranslatorChain, load_glossary, translate_cached
from babeldesk.language.translate.base import base_language
from babeldesk.nlu import sentence_requests
from babeldesk.nlu.batching import understand_one
from babeldesk.nlu.embed import space_for
from babeldesk.nlu.embed import words_alike as embed_words_alike
from babeldesk.nlu.intents import custom_intents
from babeldesk.nlu.understanding import Sentiment, Understanding

log = logging.getLogger(__name__)

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
    # The conversation's language after this message: what "ok" or "#1001" is read in.
    conversation_language: str | None = None


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
    message = found
    if found.language is None:
        # read beside the conversation's language: "Ja" in a Dutch chat is Dutch, "ok" takes the chat's;
        # an e-mail reply without the shop's message it quotes (spans are offsets in the customer's words)
        message = await _store_detection(conn, found, detect(own_words(found.body), expected=row.language))
    language = await _update_conversation_language(conn, row, message)
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
    settings = dict(row.settings)
    plan = Plan(message, row.workspace_id, row.customer_id, row.region, settings, targets, glossary, language)
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


async def _update_conversation_language(
    conn: AsyncConnection, conversation: Any, message: Message
) -> str | None:
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
        Detection(
            language=r.language, confidence=r.language_confidence or 0.0, letters=_letters(own_words(r.body))
        )
        for r in reversed(rows.all())
    ]
    chosen = conversation_language(history, conversation.language, conversation.language_locked)
    if chosen == conversation.language:
        return chosen
    await conn.execute(
        update(conversations).where(conversations.c.id == conversation.id).values(language=chosen)
    )
    await notify_event(
        conn,
        Event(CONVERSATION_UPDATED, conversation.workspace_id, conversation.id, conversation.customer_id),
    )
    return chosen


def understand_message_text(plan: Plan) -> Understanding:
    """The model's reading of one message (CPU-bound: run it in a thread).

    A message too short to tell its language ("ok", "#1001") is read in the conversation's. A model
    that fails must not stop translation for the agents nor leave the customer unanswered: the
    message is then read as "other" with no confidence, which the bot answers by asking again and
    then by handing over to a person.
    """
    message = plan.message
    language = message.language
    if base_language(language or UNDETERMINED) == UNDETERMINED:
        language = plan.conversation_language
    try:
        return understand_one(own_words(message.body), language, custom_intents(plan.settings))
    except Exception:
        log.exception("the understanding model failed on message %s", message.id)
        return stored_understanding(message)


def sentence_reader(settings: Mapping[str, Any]) -> Requests:
    """The bot's ``requests``: a message's sentences read by the workspace's intent model, off the
    event loop. A model that fails reads nothing: the bot answers what the whole message asked."""
    custom = custom_intents(settings)

    async def requests(text: str, language: str | None) -> Sequence[tuple[str, float]]:
        try:
            return await asyncio.to_thread(sentence_requests, text, language, custom=custom)
        except Exception:
            log.exception("the understanding model failed on a message's sentences")
            return []

    return requests


async def words_alike(
    words: Sequence[str], others: Sequence[str], language: str | None
) -> npt.NDArray[np.float32] | None:
    """The bot's ``words_alike``, off the event loop; an encoder that fails compares nothing."""
    try:
        return await asyncio.to_thread(embed_words_alike, words, others, language)
    except Exception:
        log.exception("the encoder failed comparing words")
        return None


def stored_understanding(message: Message) -> Understanding:
    """A message's understanding as stored. Vectors are not kept per message (they are large), so the
    vector is empty; whoever needs one (knowledge-base search) embeds the text when it does."""
    space = space_for(message.language)
    return Understanding(
        language=message.language,
        intent=message.intent or "other",
        confidence=message.intent_confidence or 0.0,
        runner_up=None,
        sentiment=Sentiment(message.sentiment or Sentiment.NEUTRAL),
        sentiment_score=message.sentiment_score or 0.0,
        angry=message.angry,
        anger=message.anger,
        urgent=message.urgent,
        space=space,
        vector=np.zeros(0, dtype=np.float32),
    )


def bot_enabled(settings: dict[str, Any]) -> bool:
    """Every workspace has the bot unless an admin turned it off."""
    bot = settings.get("bot")
    return not isinstance(bot, dict) or bot.get("enabled", True) is not False


# The bot's turn is queued with the understanding that triggers it. Jobs sharing a lock run one at a
# time in the order queued, so a conversation's turns never overlap.
_DEFER_BOT_TURN = text(
    "SELECT procrastinate_defer_jobs_v1(ARRAY[ROW('pipeline', 'babeldesk:bot_turn', 0, :lock, NULL, "
    "CAST(:args AS jsonb), NULL)::procrastinate_job_to_defer_v1])"
)


async def do_store_understanding(conn: AsyncConnection, plan: Plan, found: Understanding) -> None:
    """Store what the message says; an unhappy customer's conversation goes up the inbox; when the
    bot answers the conversation, queue its turn."""
    values = {
        "intent": found.intent,
        "intent_confidence": found.confidence,
        "sentiment": found.sentiment.value,
        "sentiment_score": found.sentiment_score,
        "angry": found.angry,
        "anger": found.anger,
        "urgent": found.urgent,
    }
    stored = await conn.execute(
        update(messages)
        .where(messages.c.id == plan.message.id, messages.c.intent.is_(None))
        .values(**values)
        .returning(messages.c.id)
    )
    if stored.first() is None:
        return  # a retry of a job that got this far before: done already
    event = Event(
        MESSAGE_UPDATED,
        plan.workspace_id,
        plan.message.conversation_id,
        plan.customer_id,
        message_id=plan.message.id,
        data={"message_id": plan.message.id, **values},
    )
    await notify_event(conn, event)
    alert = mood_alert(angry=found.angry, negative=found.sentiment == Sentiment.NEGATIVE)
    conversation = await do_note_mood(conn, plan.workspace_id, plan.message.conversation_id, alert)
    if bot_enabled(plan.settings) and await bot_listens(conn, conversation.id):
        args = json.dumps({"conversation_id": conversation.id})
        await conn.execute(_DEFER_BOT_TURN, {"lock": f"conversation:{conversation.id}", "args": args})


async def bot_listens(conn: AsyncConnection, conversation_id: int) -> bool:
    """Whether the bot hears the customer's next message: it handles the conversation, or, handed
    over, until an agent writes (it settles the callback it offered, and says how long a reply takes
    when asked; otherwise it stays quiet)."""
    row = (
        await conn.execute(
            select(conversations.c.handled_by, conversations.c.handed_off_at).where(
                conversations.c.id == conversation_id
            )
        )
    ).one()
    if row.handled_by == HandledBy.BOT:
        return True
    if row.handed_off_at is None:
        return False
    agent_wrote = await conn.scalar(
        select(messages.c.id)
        .where(
            messages.c.conversation_id == conversation_id,
            messages.c.author_type == AuthorType.AGENT,
            messages.c.direction == Direction.OUTBOUND,
            messages.c.created_at >= row.handed_off_at,
        )
        .limit(1)
    )
    return agent_wrote is None


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
