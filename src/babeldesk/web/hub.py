"""The realtime hub of one server process.

Every process LISTENs on one PostgreSQL channel. Writers NOTIFY inside their transaction, so an
event arrives here only after commit, in every process. The hub re-reads the rows an event names
(once per process, not once per client) and fans the result out to the sockets it holds.
Each socket has its own bounded outbox so a slow client never holds up the others; a client that
falls too far behind is disconnected and catches up from the API when it reconnects.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from babeldesk.db.engine import Database
from babeldesk.helpdesk.conversations import get_conversation
from babeldesk.helpdesk.events import CHANNEL, CONVERSATION_UPDATED, MESSAGE_CREATED
from babeldesk.helpdesk.messages import get_message

log = logging.getLogger(__name__)

OUTBOX_SIZE = 1000
Send = Callable[[str], Awaitable[None]]


@dataclass(eq=False)
class Subscriber:
    """One socket: an agent console (``agent_id``) or a customer's widget (``customer_id``)."""

    send: Send
    workspace_id: int
    agent_id: int | None = None
    customer_id: int | None = None
    outbox: asyncio.Queue[str | None] = field(default_factory=lambda: asyncio.Queue(OUTBOX_SIZE))
    closed: asyncio.Event = field(default_factory=asyncio.Event)

    def offer(self, frame: str) -> None:
        try:
            self.outbox.put_nowait(frame)
        except asyncio.QueueFull:
            log.warning("dropping a subscriber that fell %d frames behind", OUTBOX_SIZE)
            self.closed.set()

    async def pump(self) -> None:
        """Write queued frames to the socket until it closes or falls behind."""
        while not self.closed.is_set():
            frame = await self.outbox.get()
            if frame is None:
                break
            try:
                await self.send(frame)
            except Exception:  # the socket went away; the endpoint notices and unsubscribes
                break
        self.closed.set()


class Hub:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.consoles: dict[int, set[Subscriber]] = defaultdict(set)
        self.widgets: dict[int, set[Subscriber]] = defaultdict(set)
        self.listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def subscribe(self, sub: Subscriber) -> None:
        if sub.customer_id is not None:
            self.widgets[sub.customer_id].add(sub)
        else:
            self.consoles[sub.workspace_id].add(sub)

    def unsubscribe(self, sub: Subscriber) -> None:
        sub.closed.set()
        with contextlib.suppress(asyncio.QueueFull):
            sub.outbox.put_nowait(None)
        group = self.widgets if sub.customer_id is not None else self.consoles
        key = sub.customer_id if sub.customer_id is not None else sub.workspace_id
        group[key].discard(sub)
        if not group[key]:
            del group[key]

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen_forever(), name="hub-listen")
        await asyncio.wait_for(self.listening.wait(), timeout=30)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _listen_forever(self) -> None:
        delay = 0.5
        while True:
            try:
                async with await psycopg.AsyncConnection.connect(self.db.url, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    if self.listening.is_set():
                        # Events may have been missed while the connection was down.
                        self._broadcast_resync()
                    self.listening.set()
                    delay = 0.5
                    async for note in conn.notifies():
                        await self._dispatch(json.loads(note.payload))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("lost the event connection; reconnecting in %.1fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)

    def _broadcast_resync(self) -> None:
        frame = json.dumps({"type": "resync"})
        for group in (self.consoles, self.widgets):
            for subs in group.values():
                for sub in subs:
                    sub.offer(frame)

    async def _dispatch(self, event: dict[str, Any]) -> None:
        workspace_id = int(event["workspace_id"])
        customer_id = int(event["customer_id"])
        consoles = self.consoles.get(workspace_id, set())
        widgets = self.widgets.get(customer_id, set())
        if not consoles and not widgets:
            return
        try:
            async with self.db.engine.connect() as conn:
                conversation = await get_conversation(conn, workspace_id, int(event["conversation_id"]))
                message = (
                    await get_message(conn, int(event["message_id"])) if event.get("message_id") else None
                )
        except Exception:
            log.exception("could not load event %s", event.get("id"))
            return
        body: dict[str, Any] = {
            "type": event["type"],
            "event_id": event["id"],
            "conversation": conversation.model_dump(mode="json"),
        }
        if message is not None:
            body["message"] = message.model_dump(mode="json")
        frame = json.dumps(body)
        for sub in list(consoles):
            sub.offer(frame)
        if event["type"] == MESSAGE_CREATED and message is not None and message.direction != "internal":
            widget_frame = json.dumps({"type": "message", "message": _for_customer(body["message"])})
            for sub in list(widgets):
                sub.offer(widget_frame)
        elif event["type"] == CONVERSATION_UPDATED:
            widget_frame = json.dumps({"type": "conversation", "status": conversation.status})
            for sub in list(widgets):
                sub.offer(widget_frame)


def _for_customer(message: dict[str, Any]) -> dict[str, Any]:
    """What a customer may see of a message: never agent ids or internal bookkeeping."""
    keep = ("id", "conversation_id", "direction", "author_type", "body", "client_id", "created_at")
    return {k: message[k] for k in keep}
