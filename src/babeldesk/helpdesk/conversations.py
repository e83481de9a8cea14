"""Conversations: finding them for the inbox, opening them, and changing their state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.conversations import (
    Alert,
    HandledBy,
    Priority,
    Status,
    check_status_change,
    priority_for_mood,
    stronger_alert,
)
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.tables import agents, conversations, customers, messages, teams
from babeldesk.helpdesk.audit import do_audit
from babeldesk.helpdesk.events import CONVERSATION_UPDATED, Event, notify_event
from babeldesk.helpdesk.records import Conversation

INBOX_VIEWS = ("mine", "unassigned", "all")


@dataclass(frozen=True)
class InboxFilter:
    view: str = "all"
    status: Status | None = None
    language: str | None = None
    channel: str | None = None
    # Keyset pagination over (last_message_at, id), newest first.
    before: tuple[datetime, int] | None = None
    limit: int = 50


def _with_customer() -> Select[Any]:
    return select(*conversations.c, customers.c.name.label("customer_name")).join(
        customers, customers.c.id == conversations.c.customer_id
    )


async def get_conversation(conn: AsyncConnection, workspace_id: int, conversation_id: int) -> Conversation:
    row = (
        await conn.execute(
            _with_customer().where(
                conversations.c.id == conversation_id, conversations.c.workspace_id == workspace_id
            )
        )
    ).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"conversation {conversation_id} not found")
    return Conversation.model_validate(row)


async def get_conversations(conn: AsyncConnection, ids: set[int]) -> dict[int, Conversation]:
    if not ids:
        return {}
    rows = await conn.execute(_with_customer().where(conversations.c.id.in_(ids)))
    return {row.id: Conversation.model_validate(row) for row in rows}


async def lock_conversation(conn: AsyncConnection, workspace_id: int, conversation_id: int) -> Conversation:
    """Read a conversation holding its row lock until the transaction ends, so writers queue up."""
    row = (
        await conn.execute(
            select(conversations)
            .where(conversations.c.id == conversation_id, conversations.c.workspace_id == workspace_id)
            .with_for_update()
        )
    ).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"conversation {conversation_id} not found")
    return Conversation.model_validate(row)


async def list_conversations(
    conn: AsyncConnection, workspace_id: int, agent_id: int, flt: InboxFilter
) -> list[Conversation]:
    query = _with_customer().where(conversations.c.workspace_id == workspace_id)
    if flt.view == "mine":
        query = query.where(conversations.c.assignee_id == agent_id)
    elif flt.view == "unassigned":
        query = query.where(conversations.c.assignee_id.is_(None))
    if flt.status is not None:
        query = query.where(conversations.c.status == flt.status)
    if flt.language is not None:
        query = query.where(conversations.c.language == flt.language)
    if flt.channel is not None:
        query = query.where(conversations.c.channel == flt.channel)
    sort_at = func.coalesce(conversations.c.last_message_at, conversations.c.created_at)
    if flt.before is not None:
        at, cid = flt.before
        query = query.where(or_(sort_at < at, and_(sort_at == at, conversations.c.id < cid)))
    query = query.order_by(sort_at.desc(), conversations.c.id.desc()).limit(flt.limit)
    return [Conversation.model_validate(row) for row in await conn.execute(query)]


async def latest_conversation_id(conn: AsyncConnection, customer_id: int, channel: str) -> int | None:
    return (
        await conn.execute(
            select(conversations.c.id)
            .where(conversations.c.customer_id == customer_id, conversations.c.channel == channel)
            .order_by(conversations.c.id.desc())
            .limit(1)
        )
    ).scalar()


async def _check_references(
    conn: AsyncConnection, workspace_id: int, assignee_id: int | None, team_id: int | None
) -> None:
    if assignee_id is not None:
        found = await conn.scalar(
            select(agents.c.id).where(
                agents.c.id == assignee_id, agents.c.workspace_id == workspace_id, agents.c.is_active
            )
        )
        if found is None:
            raise DomainError(ErrorCode.NOT_FOUND, f"agent {assignee_id} not found")
    if team_id is not None:
        found = await conn.scalar(
            select(teams.c.id).where(teams.c.id == team_id, teams.c.workspace_id == workspace_id)
        )
        if found is None:
            raise DomainError(ErrorCode.NOT_FOUND, f"team {team_id} not found")


async def do_update_conversation(
    conn: AsyncConnection,
    workspace_id: int,
    conversation_id: int,
    changes: dict[str, Any],
    *,
    actor_agent_id: int | None,
) -> Conversation:
    """Apply the fields present in ``changes`` (status, priority, assignee_id, team_id, language,
    snoozed_until, subject), record who did it, and announce the result."""
    current = await lock_conversation(conn, workspace_id, conversation_id)
    values: dict[str, Any] = {}
    if "status" in changes:
        new_status = Status(changes["status"])
        check_status_change(
            Status(current.status), new_status, snooze_given=changes.get("snoozed_until") is not None
        )
        values["status"] = new_status
        values["resolved_at"] = func.now() if new_status == Status.RESOLVED else None
        values["snoozed_until"] = changes.get("snoozed_until") if new_status == Status.SNOOZED else None
    if "priority" in changes:
        values["priority"] = Priority(changes["priority"])
    if "assignee_id" in changes or "team_id" in changes:
        await _check_references(conn, workspace_id, changes.get("assignee_id"), changes.get("team_id"))
    for key in ("assignee_id", "team_id", "subject"):
        if key in changes:
            values[key] = changes[key]
    if "language" in changes:
        # An agent's choice wins over detection from then on.
        values["language"] = changes["language"]
        values["language_locked"] = changes["language"] is not None
    if not values:
        raise DomainError(ErrorCode.INVALID_VALUE, "nothing to change")
    audit = Audit("conversation.update", actor_agent_id, {key: _jsonable(v) for key, v in changes.items()})
    return await _apply(conn, workspace_id, conversation_id, values, audit, sorted(changes))


@dataclass(frozen=True)
class Audit:
    action: str
    actor_agent_id: int | None
    data: dict[str, Any]


async def _apply(
    conn: AsyncConnection,
    workspace_id: int,
    conversation_id: int,
    values: dict[str, Any],
    audit: Audit,
    changes: list[str],
) -> Conversation:
    """Write ``values``, record who did it, and announce the result once the transaction commits."""
    values["updated_at"] = func.now()
    await conn.execute(update(conversations).where(conversations.c.id == conversation_id).values(**values))
    updated = await get_conversation(conn, workspace_id, conversation_id)
    await do_audit(
        conn, workspace_id, audit.actor_agent_id, audit.action, "conversation", conversation_id, audit.data
    )
    await notify_event(
        conn,
        Event(
            CONVERSATION_UPDATED,
            workspace_id,
            conversation_id,
            updated.customer_id,
            data={"conversation": updated.model_dump(mode="json"), "changes": changes},
        ),
    )
    return updated


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


async def do_note_mood(
    conn: AsyncConnection, workspace_id: int, conversation_id: int, alert: Alert | None
) -> Conversation:
    """An unhappy customer's conversation goes up the inbox: angry → urgent, negative → at least
    high, with an alert for the console. Neither is ever lowered here; a person clears them."""
    current = await lock_conversation(conn, workspace_id, conversation_id)
    priority = priority_for_mood(Priority(current.priority), alert)
    raised = stronger_alert(Alert(current.alert) if current.alert else None, alert)
    if priority == current.priority and raised == current.alert:
        return current
    values = {"priority": priority, "alert": raised}
    audit = Audit("conversation.mood", None, {"priority": priority, "alert": raised})
    return await _apply(conn, workspace_id, conversation_id, values, audit, ["alert", "priority"])


async def do_clear_alert(
    conn: AsyncConnection, workspace_id: int, conversation_id: int, *, actor_agent_id: int
) -> Conversation:
    current = await lock_conversation(conn, workspace_id, conversation_id)
    if current.alert is None:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "the conversation has no alert")
    audit = Audit("conversation.clear_alert", actor_agent_id, {"alert": current.alert})
    return await _apply(conn, workspace_id, conversation_id, {"alert": None}, audit, ["alert"])


@dataclass(frozen=True)
class HandOff:
    """How a conversation passes from the bot to people (see bot/service.py)."""

    reason: str
    priority: Priority
    assignee_id: int | None
    alert: Alert | None


async def do_hand_to_people(
    conn: AsyncConnection, workspace_id: int, current: Conversation, handoff: HandOff
) -> Conversation:
    """The bot steps back: the conversation is open, at tier 1, and its customer waits for a person.

    Call while holding the conversation's row lock."""
    values = {
        "handled_by": HandledBy.HUMAN,
        "status": Status.OPEN,
        "tier": 1,
        "priority": handoff.priority,
        "alert": stronger_alert(Alert(current.alert) if current.alert else None, handoff.alert),
        "assignee_id": current.assignee_id or handoff.assignee_id,
        "handed_off_at": func.now(),
        "waiting_since": func.coalesce(conversations.c.waiting_since, func.now()),
        "snoozed_until": None,
        "resolved_at": None,
    }
    audit = Audit("bot.handoff", None, {"reason": handoff.reason, "assignee_id": values["assignee_id"]})
    changes = ["alert", "assignee_id", "handled_by", "priority", "status"]
    return await _apply(conn, workspace_id, current.id, values, audit, changes)


async def do_hand_back_to_bot(
    conn: AsyncConnection, workspace_id: int, conversation_id: int, *, actor_agent_id: int
) -> Conversation:
    """An agent gives the conversation back to the bot, which starts a fresh dialogue from the
    customer's next message (what came before was the agents' to answer)."""
    current = await lock_conversation(conn, workspace_id, conversation_id)
    if current.handled_by == HandledBy.BOT:
        raise DomainError(ErrorCode.INVALID_TRANSITION, "the bot handles this conversation already")
    latest = await conn.scalar(
        select(func.max(messages.c.id)).where(messages.c.conversation_id == conversation_id)
    )
    values = {
        "handled_by": HandledBy.BOT,
        "bot_state": {"answered_up_to": latest or 0},
        "alert": None,
        "assignee_id": None,
        "waiting_since": None,
    }
    audit = Audit("conversation.hand_back", actor_agent_id, {})
    return await _apply(conn, workspace_id, conversation_id, values, audit, ["assignee_id", "handled_by"])
