"""The bot in the worker: one turn of the dialogue over a conversation's new customer messages, and
the hand-off to people.

A turn holds the conversation's row lock from start to end, so turns never overlap and an agent's
reply waits for the bot's to be stored; the replies, the dialogue state and the hand-off commit
together, so a crash mid-turn answers nothing twice. A turn that fails hands the conversation to
people rather than leave the customer unanswered.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.bot.availability import (
    CallbackScope,
    DatabaseAvailability,
    Roster,
    load_roster,
    pick_receivers,
)
from babeldesk.bot.context import Action, BotContext, Contact, Handoff, HandoffReason, Outcome, Turn
from babeldesk.bot.knowledge import DatabaseKnowledge
from babeldesk.bot.manager import respond
from babeldesk.bot.phrase import phraser_from_settings
from babeldesk.bot.policy import policy_from_settings
from babeldesk.bot.state import BotState
from babeldesk.bot.summary import summarize
from babeldesk.commerce.config import commerce_for
from babeldesk.core.conversations import Alert, Channel, Priority, priority_for_handoff
from babeldesk.core.messages import Direction
from babeldesk.core.quoting import own_words
from babeldesk.db.engine import Database
from babeldesk.db.tables import conversations, customers, messages, workspaces
from babeldesk.helpdesk.audit import do_audit
from babeldesk.helpdesk.conversations import HandOff, do_hand_to_people
from babeldesk.helpdesk.messages import do_send_bot_reply
from babeldesk.helpdesk.records import Conversation, Customer, Message
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.helpdesk.understanding import (
    bot_enabled,
    bot_listens,
    sentence_reader,
    stored_understanding,
    words_alike,
)
from babeldesk.replies.library import render

log = logging.getLogger(__name__)

# A turn waits on stores, carriers and translation engines, each with its own timeout; this bounds
# the whole, so a stuck turn cannot hold the conversation's lock for long.
TURN_TIMEOUT_S = 90.0
MAX_MESSAGES_PER_TURN = 20
MAX_CHARS = 10_000
_MESSAGE_COLUMNS = [c for c in messages.c if c.name in Message.model_fields]
# Channels whose address is proven by the channel itself; a web visitor's email is only typed in.
_VOUCHED_EMAIL = {Channel.EMAIL}
_VOUCHED_PHONE = {Channel.WHATSAPP, Channel.SMS}


class BotSettings(BaseModel):
    """``settings["bot"]`` as far as the worker and the settings panel use it (policy aside)."""

    model_config = ConfigDict(extra="ignore")
    enabled: bool = True
    hand_off_on_anger: bool = True
    confidence_threshold: float = Field(default=0.5, ge=0, le=1)
    typical_wait_minutes: int = Field(default=180, ge=1, le=7 * 24 * 60)


def bot_settings(settings: Mapping[str, Any]) -> BotSettings:
    """The saved settings; the defaults when they are broken (the API refuses to save such)."""
    raw = settings.get("bot")
    try:
        return BotSettings.model_validate(raw if isinstance(raw, Mapping) else {})
    except ValidationError as exc:
        log.warning("ignoring broken bot settings: %s", exc.errors()[0]["msg"])
        return BotSettings(enabled=bot_enabled(dict(settings)))


@dataclass(frozen=True)
class BotRuntime:
    """What turns share within one worker process."""

    db: Database
    chains: ChainCache
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class Saved:
    """``conversations.bot_state``: the dialogue, and the last customer message it answered."""

    dialogue: BotState
    answered_up_to: int

    @classmethod
    def load(cls, raw: Mapping[str, Any]) -> Saved:
        cursor = raw.get("answered_up_to")
        return cls(BotState.from_json(raw.get("dialogue")), cursor if isinstance(cursor, int) else 0)

    def dump(self) -> dict[str, Any]:
        return {"dialogue": json.loads(self.dialogue.to_json()), "answered_up_to": self.answered_up_to}


@dataclass(frozen=True)
class Scene:
    """The conversation a turn is about, read under its row lock."""

    conversation: Conversation
    customer: Customer
    settings: dict[str, Any]
    shop_name: str
    saved: Saved


async def run_bot_turn(runtime: BotRuntime, conversation_id: int) -> None:
    try:
        async with runtime.db.transaction() as conn:
            await asyncio.wait_for(do_bot_turn(conn, runtime, conversation_id), TURN_TIMEOUT_S)
    except Exception:
        log.exception("the bot's turn in conversation %s failed; handing it to people", conversation_id)
        async with runtime.db.transaction() as conn:
            await do_fail_over(conn, conversation_id)


async def do_bot_turn(conn: AsyncConnection, runtime: BotRuntime, conversation_id: int) -> None:
    """Answer, in order, the customer messages the bot has not answered yet."""
    scene = await _lock_scene(conn, conversation_id)
    if scene is None:
        return
    pending = await _unanswered(conn, conversation_id, scene.saved.answered_up_to)
    if not pending or pending[0].intent is None:
        return  # the first one's own understanding queues the next turn
    roster = await load_roster(conn, scene.conversation.workspace_id)
    saved = scene.saved
    async with AsyncExitStack() as stack:
        ctx = await _context(conn, runtime, scene, roster, stack)
        for message in pending:
            if message.intent is None:
                break
            outcome = await respond(saved.dialogue, _turn(message, scene), ctx)
            await _deliver(conn, scene, outcome)
            saved = Saved(outcome.state, message.id)
            if outcome.handoff is not None:
                await do_handoff(conn, scene, roster, outcome.handoff, ctx.now)
                break
    await _save(conn, conversation_id, saved)


async def _lock_scene(conn: AsyncConnection, conversation_id: int) -> Scene | None:
    """The conversation under its row lock, if the bot is to answer in it now; else None."""
    row = (
        await conn.execute(
            select(
                conversations,
                workspaces.c.settings.label("workspace_settings"),
                workspaces.c.name.label("shop_name"),
            )
            .join(workspaces, workspaces.c.id == conversations.c.workspace_id)
            .where(conversations.c.id == conversation_id)
            .with_for_update(of=conversations)
        )
    ).first()
    if row is None or not bot_settings(row.workspace_settings).enabled:
        return None
    if not await bot_listens(conn, conversation_id):
        return None
    customer = (await conn.execute(select(customers).where(customers.c.id == row.customer_id))).one()
    return Scene(
        Conversation.model_validate(row),
        Customer.model_validate(customer),
        dict(row.workspace_settings),
        row.shop_name,
        Saved.load(row.bot_state),
    )


async def _unanswered(conn: AsyncConnection, conversation_id: int, after: int) -> list[Message]:
    rows = await conn.execute(
        select(*_MESSAGE_COLUMNS)
        .where(
            messages.c.conversation_id == conversation_id,
            messages.c.direction == Direction.INBOUND,
            messages.c.id > after,
        )
        .order_by(messages.c.id)
        .limit(MAX_MESSAGES_PER_TURN)
    )
    return [Message.model_validate(r) for r in rows]


async def _context(
    conn: AsyncConnection, runtime: BotRuntime, scene: Scene, roster: Roster, stack: AsyncExitStack
) -> BotContext:
    """What ``respond`` works with; connections to remote stores and LLMs close with ``stack``."""
    conversation, settings = scene.conversation, scene.settings
    chosen = bot_settings(settings)
    store, carrier = await stack.enter_async_context(
        commerce_for(settings, runtime.db, conversation.workspace_id)
    )
    phraser = phraser_from_settings(settings)
    if phraser is not None:
        stack.push_async_callback(phraser.aclose)
    scope = CallbackScope(
        conversation.workspace_id,
        conversation.customer_id,
        conversation.id,
        conversation.region,
        scene.customer.timezone,
    )
    return BotContext(
        store=store,
        carrier=carrier,
        knowledge=DatabaseKnowledge(conn, runtime, conversation.workspace_id),
        policy=policy_from_settings(settings),
        availability=DatabaseAvailability(conn, scope, roster, settings),
        shop_name=scene.shop_name,
        now=runtime.clock(),
        confidence_threshold=chosen.confidence_threshold,
        hand_off_on_anger=chosen.hand_off_on_anger,
        phraser=phraser,
        requests=sentence_reader(settings),
        words_alike=words_alike,
    )


def _turn(message: Message, scene: Scene) -> Turn:
    customer, channel = scene.customer, scene.conversation.channel
    contact = Contact(
        email=(customer.email or "") if channel in _VOUCHED_EMAIL else "",
        phone=(customer.phone or "") if channel in _VOUCHED_PHONE else "",
        timezone=customer.timezone,
        name=customer.name or "",
    )
    return Turn(own_words(message.body), message.language, stored_understanding(message), contact)


async def _deliver(conn: AsyncConnection, scene: Scene, outcome: Outcome) -> None:
    for reply in outcome.replies:
        await do_send_bot_reply(
            conn, scene.conversation, reply, language=outcome.language, max_chars=MAX_CHARS
        )
    for action in outcome.actions:
        await _audit_action(conn, scene.conversation, action)


async def _audit_action(conn: AsyncConnection, conversation: Conversation, action: Action) -> None:
    data = {"order_number": action.order_number, **dict(action.detail)}
    await do_audit(
        conn, conversation.workspace_id, None, f"bot.{action.name}", "conversation", conversation.id, data
    )


async def _save(conn: AsyncConnection, conversation_id: int, saved: Saved) -> None:
    await conn.execute(
        update(conversations).where(conversations.c.id == conversation_id).values(bot_state=saved.dump())
    )


async def do_handoff(
    conn: AsyncConnection, scene: Scene, roster: Roster, handoff: Handoff, now: datetime
) -> Conversation:
    """Give the conversation to people: the least loaded agent on shift who reads the customer's
    language takes it, and every receiving agent finds the bot's summary in their first language."""
    conversation = scene.conversation
    receivers = await pick_receivers(conn, roster, handoff.customer_language, now)
    reason = HandoffReason(handoff.reason)
    updated = await do_hand_to_people(
        conn,
        conversation.workspace_id,
        conversation,
        HandOff(
            reason=reason.value,
            priority=priority_for_handoff(Priority(conversation.priority), reason.value),
            assignee_id=receivers.assignee.agent_id if receivers.assignee else None,
            alert=Alert.ANGRY if reason == HandoffReason.ANGRY else None,
        ),
    )
    languages = dict.fromkeys(s.languages[0] for s in receivers.agents if s.languages) or {"en": None}
    for language in languages:
        note = summarize(handoff, language)
        await do_send_bot_reply(conn, updated, note, language=language, max_chars=MAX_CHARS, internal=True)
    return updated


async def do_fail_over(conn: AsyncConnection, conversation_id: int) -> None:
    """The bot could not take its turn: tell the customer a person will answer, and hand over."""
    scene = await _lock_scene(conn, conversation_id)
    if scene is None:
        return
    dialogue = scene.saved.dialogue
    latest = (
        await conn.execute(
            select(messages.c.id, messages.c.language)
            .where(messages.c.conversation_id == conversation_id, messages.c.direction == Direction.INBOUND)
            .order_by(messages.c.id.desc())
            .limit(1)
        )
    ).first()
    language = (latest.language if latest else None) or dialogue.language or scene.conversation.language
    language = language if language and language != "und" else "en"
    handoff = Handoff(
        reason=HandoffReason.FAILED,
        intent=dialogue.intent,
        order_number=dialogue.order,
        tried=tuple(dialogue.tried),
        sentiment="neutral",
        customer_language=language,
    )
    await do_send_bot_reply(
        conn, scene.conversation, render("handoff", language), language=language, max_chars=MAX_CHARS
    )
    roster = await load_roster(conn, scene.conversation.workspace_id)
    await do_handoff(conn, scene, roster, handoff, datetime.now(UTC))
    await _save(conn, conversation_id, Saved(dialogue, latest.id if latest else 0))
