"""Events: announced to live clients and to integrations, only once the transaction commits.

PostgreSQL holds a NOTIFY until COMMIT and drops it on ROLLBACK, so a client never hears of a
write that did not happen. Webhook deliveries for the event are queued in the same transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncConnection

CHANNEL = "babeldesk_events"

MESSAGE_CREATED = "message.created"
MESSAGE_UPDATED = "message.updated"  # language detected, translations arrived
CONVERSATION_UPDATED = "conversation.updated"
EVENT_TYPES = (MESSAGE_CREATED, MESSAGE_UPDATED, CONVERSATION_UPDATED)


@dataclass(frozen=True)
class Event:
    type: str
    workspace_id: int
    conversation_id: int
    customer_id: int
    message_id: int | None = None
    # The full objects, for webhooks; live clients re-read rows by id (NOTIFY payloads are small).
    data: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def notification(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "type": self.type,
                "workspace_id": self.workspace_id,
                "conversation_id": self.conversation_id,
                "customer_id": self.customer_id,
                "message_id": self.message_id,
            }
        )


def job_sql(task: str, queue: str, args: str) -> str:
    """A procrastinate job row for ``procrastinate_defer_jobs_v1``; ``args`` is a jsonb expression.

    ``task`` is the registered name (jobs.app's NAMESPACE, a colon, the task's name).
    """
    return f"ROW('{queue}', '{task}', 0, NULL, NULL, {args}, NULL)::procrastinate_job_to_defer_v1"


def publish_sql(*, source: str, payload: str, notification: str, jobs: str = "") -> str:
    """The tail of a statement announcing one event per row of the CTE ``source``.

    ``payload`` and ``notification`` are SQL expressions over ``source`` (the webhook body as
    jsonb, the NOTIFY text). Parameters it expects: those of ``event_params``.
    Webhook deliveries and their jobs, and any ``jobs`` (``job_sql`` rows over ``source``, comma
    separated), are inserted by the same statement: no extra round trip.
    """
    webhook_job = job_sql("babeldesk:deliver_webhook", "webhooks", "jsonb_build_object('delivery_id', id)")
    more = f" || ARRAY[{jobs}]" if jobs else ""
    return f"""
    deliveries AS (
        INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, payload)
        SELECT endpoint.id, :event_id, :event_type, {payload}
          FROM webhook_endpoints AS endpoint, {source}
         WHERE endpoint.workspace_id = :workspace_id AND endpoint.is_active
           AND (endpoint.events ? :event_type OR endpoint.events ? '*')
        RETURNING id
    )
    SELECT {source}.*, pg_notify(:event_channel, {notification}),
           procrastinate_defer_jobs_v1(ARRAY(SELECT {webhook_job} FROM deliveries){more})
      FROM {source}
    """


@lru_cache(maxsize=16)
def _publish_statement(write: str) -> TextClause:
    tail = publish_sql(source="event", payload="CAST(:payload AS jsonb)", notification=":notification")
    return text(f"WITH {write + ',' if write else ''} event AS (SELECT 1 AS one), {tail}")


async def notify_event(
    conn: AsyncConnection, event: Event, *, write: str = "", write_params: dict[str, Any] | None = None
) -> None:
    """Announce ``event`` when the caller's transaction commits, in one round trip.

    ``write`` is an optional data-modifying CTE (``name AS (UPDATE …)``) run in the same
    statement, so the write that causes an event and its announcement cost one round trip.
    """
    payload = {"id": event.id, "type": event.type, "data": event.data}
    await conn.execute(
        _publish_statement(write),
        {
            **(write_params or {}),
            **event_params(event.id, event.type, event.workspace_id),
            "payload": json.dumps(payload, default=str),
            "notification": event.notification(),
        },
    )


def event_params(event_id: str, event_type: str, workspace_id: int) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "event_type": event_type,
        "workspace_id": workspace_id,
        "event_channel": CHANNEL,
    }
