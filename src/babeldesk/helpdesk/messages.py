"""Messages: a customer's arriving once, an agent's reply, and reading a thread."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.core.messages import AuthorType, DeliveryStatus, Direction, check_body, preview
from babeldesk.db.tables import messages
from babeldesk.helpdesk.conversations import latest_conversation_id, lock_conversation
from babeldesk.helpdesk.events import (
    MESSAGE_CREATED,
    MESSAGE_UPDATED,
    Event,
    event_params,
    job_sql,
    notify_event,
    publish_sql,
)
from babeldesk.helpdesk.records import Conversation, CustomerRef, Message

_MESSAGE_COLUMNS = [c for c in messages.c if c.name in Message.model_fields]


@dataclass(frozen=True)
class TranslatedReply:
    """An agent's reply as the customer will read it: ``text`` in ``language``."""

    text: str
    language: str
    source_language: str
    marked: bool  # show the customer a "machine translated" mark


@dataclass(frozen=True)
class Received:
    message: Message
    conversation_id: int
    duplicate: bool  # the same client_id or external_id arrived before: nothing new was stored


async def list_messages(
    conn: AsyncConnection,
    conversation_id: int,
    *,
    after: int | None = None,
    before: int | None = None,
    limit: int = 100,
    include_internal: bool = True,
) -> list[Message]:
    """A page of a thread, oldest first. ``before`` pages back; ``after`` catches up."""
    query = select(*_MESSAGE_COLUMNS).where(messages.c.conversation_id == conversation_id)
    if not include_internal:
        query = query.where(messages.c.direction != Direction.INTERNAL)
    if after is not None:
        rows = await conn.execute(query.where(messages.c.id > after).order_by(messages.c.id).limit(limit))
        return [Message.model_validate(r) for r in rows]
    if before is not None:
        query = query.where(messages.c.id < before)
    rows = await conn.execute(query.order_by(messages.c.id.desc()).limit(limit))
    return [Message.model_validate(r) for r in reversed(rows.all())]


async def get_messages(conn: AsyncConnection, ids: set[int]) -> dict[int, Message]:
    if not ids:
        return {}
    rows = await conn.execute(select(*_MESSAGE_COLUMNS).where(messages.c.id.in_(ids)))
    return {row.id: Message.model_validate(row) for row in rows}


def _insert_message(**values: object) -> Any:
    return pg_insert(messages).values(**values).on_conflict_do_nothing().returning(*_MESSAGE_COLUMNS)


_MESSAGE_FIELDS = ", ".join(c.name for c in _MESSAGE_COLUMNS)

# A customer's message is the hottest write there is, so it is one statement: find or open the
# thread, store the message once, bring the thread up to date, queue webhooks, notify.
# (Sibling CTEs see the same snapshot, so a new thread gets its state at INSERT and an existing
# one by UPDATE.) The same statement queues the next stage of the spine: understand_message.
_RECEIVE = text(
    f"""
    WITH existing AS (
        SELECT id FROM conversations
         WHERE customer_id = :customer_id AND channel = :channel
         ORDER BY id DESC LIMIT 1
    ), created AS (
        -- Inserting from the customer row copies their language and proves they still exist.
        INSERT INTO conversations (workspace_id, customer_id, region, channel, language,
                                   last_message_at, last_message_preview, waiting_since)
        SELECT workspace_id, id, region, :channel, preferred_language, now(), :preview, now()
          FROM customers
         WHERE id = :customer_id AND workspace_id = :workspace_id
           AND NOT EXISTS (SELECT 1 FROM existing)
        RETURNING id
    ), thread AS (
        SELECT id FROM existing UNION ALL SELECT id FROM created
    ), stored AS (
        INSERT INTO messages (workspace_id, conversation_id, region, direction, author_type, body,
                              delivery_status, client_id, external_id)
        SELECT :workspace_id, thread.id, :region, 'inbound', 'customer', :body,
               'received', :client_id, :external_id
          FROM thread
        ON CONFLICT DO NOTHING
        RETURNING {_MESSAGE_FIELDS}
    ), touched AS (
        UPDATE conversations
           SET status = 'open', snoozed_until = NULL, resolved_at = NULL,
               last_message_at = now(), last_message_preview = :preview,
               -- The SLA clock starts at the first unanswered message, not the latest one.
               waiting_since = COALESCE(waiting_since, now()), updated_at = now()
          FROM stored, existing
         WHERE conversations.id = existing.id
        RETURNING conversations.id
    ), {
        publish_sql(
            source="stored",
            payload="jsonb_build_object('id', CAST(:event_id AS text), 'type', CAST(:event_type AS text), "
            "'data', jsonb_build_object('message', to_jsonb(stored)))",
            notification="json_build_object('id', CAST(:event_id AS text), "
            "'type', CAST(:event_type AS text), 'workspace_id', CAST(:workspace_id AS bigint), "
            "'conversation_id', stored.conversation_id, 'customer_id', CAST(:customer_id AS bigint), "
            "'message_id', stored.id)::text",
            jobs=job_sql(
                "babeldesk:understand_message", "pipeline", "jsonb_build_object('message_id', stored.id)"
            ),
        )
    }
    """
)
_AFTER_AGENT_REPLY = """
    touched AS (
        UPDATE conversations
           SET last_message_at = :at, last_message_preview = :preview, waiting_since = NULL,
               -- Replying is the agent's first touch: an unassigned conversation becomes theirs,
               -- and the bot stays silent in it from now on.
               assignee_id = COALESCE(assignee_id, :agent_id), handled_by = 'human', updated_at = :at
         WHERE id = :conversation_id
        RETURNING id
    )
"""


async def do_receive_customer_message(
    conn: AsyncConnection,
    customer: CustomerRef,
    body: str,
    *,
    channel: str,
    max_chars: int,
    client_id: str | None = None,
    external_id: str | None = None,
) -> Received:
    """Store a customer's message exactly once and announce it.

    ``client_id`` (from our widget) or ``external_id`` (a provider's message id) makes a retry of
    the same message return the stored one instead of storing it twice.
    """
    clean = check_body(body, max_chars)
    row = (
        await conn.execute(
            _RECEIVE,
            {
                **event_params(uuid.uuid4().hex, MESSAGE_CREATED, customer.workspace_id),
                "customer_id": customer.id,
                "region": customer.region,
                "channel": channel,
                "body": clean,
                "preview": preview(clean),
                "client_id": client_id,
                "external_id": external_id,
            },
        )
    ).first()
    if row is not None:
        return Received(Message.model_validate(row), row.conversation_id, False)
    conversation_id = await latest_conversation_id(conn, customer.id, channel)
    if conversation_id is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"customer {customer.id} not found")
    duplicate = await _find_duplicate(conn, conversation_id, client_id, external_id)
    return Received(duplicate, conversation_id, True)


async def do_mark_read(conn: AsyncConnection, customer: CustomerRef, channel: str, up_to: int) -> list[int]:
    """The customer has seen their thread up to message ``up_to``: replies to them up to it are read.

    Only the customer's own latest thread on the channel is touched, whatever id they send.
    """
    conversation_id = await latest_conversation_id(conn, customer.id, channel)
    if conversation_id is None:
        return []
    marked = (
        (
            await conn.execute(
                update(messages)
                .where(
                    messages.c.conversation_id == conversation_id,
                    messages.c.direction == Direction.OUTBOUND,
                    messages.c.id <= up_to,
                    messages.c.delivery_status.in_([DeliveryStatus.SENT, DeliveryStatus.DELIVERED]),
                )
                .values(delivery_status=DeliveryStatus.READ)
                .returning(messages.c.id)
            )
        )
        .scalars()
        .all()
    )
    for message_id in marked:
        await notify_event(
            conn,
            Event(
                MESSAGE_UPDATED,
                customer.workspace_id,
                conversation_id,
                customer.id,
                message_id=message_id,
                data={"message_id": message_id, "delivery_status": DeliveryStatus.READ},
            ),
        )
    return list(marked)


async def _find_duplicate(
    conn: AsyncConnection, conversation_id: int, client_id: str | None, external_id: str | None
) -> Message:
    query = select(*_MESSAGE_COLUMNS).where(messages.c.conversation_id == conversation_id)
    if client_id is not None:
        query = query.where(messages.c.client_id == client_id)
    else:
        query = query.where(messages.c.external_id == external_id)
    return Message.model_validate((await conn.execute(query)).one())


async def do_send_agent_reply(
    conn: AsyncConnection,
    workspace_id: int,
    conversation_id: int,
    agent_id: int,
    body: str,
    *,
    max_chars: int,
    internal: bool = False,
    client_id: str | None = None,
    translated: TranslatedReply | None = None,
) -> Message:
    """Store an agent's reply (or internal note) and announce it.

    With ``translated`` the customer receives the translation (the agent checked it, and its
    back-translation, before sending); the agent's own words are kept beside it.
    """
    clean = check_body(body, max_chars)
    sent = clean if translated is None or internal else check_body(translated.text, max_chars)
    conversation = await lock_conversation(conn, workspace_id, conversation_id)
    row = (
        await conn.execute(
            _insert_message(
                workspace_id=workspace_id,
                conversation_id=conversation_id,
                region=conversation.region,
                direction=Direction.INTERNAL if internal else Direction.OUTBOUND,
                author_type=AuthorType.AGENT,
                author_agent_id=agent_id,
                body=sent,
                language=translated.language if translated and not internal else None,
                original_body=clean if sent is not clean else None,
                original_language=translated.source_language if sent is not clean and translated else None,
                machine_translated=bool(translated and sent is not clean and translated.marked),
                # A web chat reply is available to the widget once stored.
                delivery_status=DeliveryStatus.SENT,
                client_id=client_id,
            )
        )
    ).first()
    if row is None:
        return await _find_duplicate(conn, conversation_id, client_id, None)
    message = Message.model_validate(row)
    write, params = "", {}
    if not internal:
        write = _AFTER_AGENT_REPLY
        params = {"at": message.created_at, "preview": preview(sent), "conversation_id": conversation_id}
        params["agent_id"] = agent_id
    await _announce(
        conn,
        workspace_id,
        conversation_id,
        conversation.customer_id,
        message,
        write=write,
        write_params=params,
    )
    return message


_AFTER_BOT_REPLY = """
    touched AS (
        UPDATE conversations
           -- Answered: nobody waits for a person, unless the bot already handed the customer over.
           SET last_message_at = :at, last_message_preview = :preview, updated_at = :at,
               waiting_since = CASE WHEN handled_by = 'bot' THEN NULL ELSE waiting_since END
         WHERE id = :conversation_id
        RETURNING id
    )
"""


async def do_send_bot_reply(
    conn: AsyncConnection,
    conversation: Conversation,
    body: str,
    *,
    language: str | None,
    max_chars: int,
    internal: bool = False,
) -> Message:
    """Store the bot's reply in the customer's language (or, ``internal``, its note for the agents,
    such as a hand-off summary) and announce it: the widget and consoles get it like an agent's.

    Call while holding the conversation's row lock (the bot's turn holds it).
    """
    clean = check_body(body, max_chars)
    row = (
        await conn.execute(
            _insert_message(
                workspace_id=conversation.workspace_id,
                conversation_id=conversation.id,
                region=conversation.region,
                direction=Direction.INTERNAL if internal else Direction.OUTBOUND,
                author_type=AuthorType.BOT,
                body=clean,
                language=language,
                delivery_status=DeliveryStatus.SENT,
            )
        )
    ).one()
    message = Message.model_validate(row)
    write, params = "", {}
    if not internal:
        write = _AFTER_BOT_REPLY
        params = {"at": message.created_at, "preview": preview(clean), "conversation_id": conversation.id}
    await _announce(
        conn,
        conversation.workspace_id,
        conversation.id,
        conversation.customer_id,
        message,
        write=write,
        write_params=params,
    )
    return message


async def _announce(
    conn: AsyncConnection,
    workspace_id: int,
    conversation_id: int,
    customer_id: int,
    message: Message,
    *,
    write: str,
    write_params: dict[str, Any],
) -> None:
    event = Event(
        MESSAGE_CREATED,
        workspace_id,
        conversation_id,
        customer_id,
        message_id=message.id,
        data={"message": message.model_dump(mode="json")},
    )
    await notify_event(conn, event, write=write, write_params=write_params)
