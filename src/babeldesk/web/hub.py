"""The realtime hub of one server process.

Every process LISTENs on one PostgreSQL channel. Writers NOTIFY inside their transaction, so an
event arrives here only after commit, in every process. The hub re-reads the rows events name
(once per process and batch, not once per client) and fans the result out to the sockets it holds.
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
from babeldesk.helpdesk.conversations import get_conversations
from babeldesk.helpdesk.events import CHANNEL, CONVERSATION_UPDATED, MESSAGE_CREATED
from babeldesk.helpdesk.messages import get_messages
from babeldesk.helpdesk.records import Conversation, Message

log = logging.getLogger(__name__)

OUTBOX_SIZE = 1000
BATCH_SIZE = 500
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
        self._pending: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []

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
        self._tasks = [
            asyncio.create_task(self._listen_forever(), name="hub-listen"),
            asyncio.create_task(self._dispatch_forever(), name="hub-dispatch"),
        ]
        await asyncio.wait_for(self.listening.wait(), timeout=30)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

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
                        self._pending.put_nowait(json.loads(note.payload))
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("lost the event connection; reconnecting in %.1fs", delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)

    async def _dispatch_forever(self) -> None:
        """Take events as they come, but all that are waiting at once: under load, one batch
        costs two queries however many events it holds."""
        while True:
            batch = [await self._pending.get()]
            while not self._pending.empty() and len(batch) < BATCH_SIZE:
                batch.append(self._pending.get_nowait())
            try:
                await self._dispatch(batch)
            except Exception:
                log.exception("could not deliver %d events", len(batch))

    def _broadcast_resync(self) -> None:
        frame = json.dumps({"type": "resync"})
        for group in (self.consoles, self.widgets):
            for subs in group.values():
                for sub in subs:
                    sub.offer(frame)

    async def _dispatch(self, batch: list[dict[str, Any]]) -> None:
        wanted = [
            e
            for e in batch
            if int(e["workspace_id"]) in self.consoles or int(e["customer_id"]) in self.widgets
        ]
        if not wanted:
            return
        async with self.db.engine.connect() as conn:
            conversations = await get_conversations(conn, {int(e["conversation_id"]) for e in wanted})
            messages = await get_messages(conn, {int(e["message_id"]) for e in wanted if e.get("message_id")})
        for event in wanted:
            conversation = conversations.get(int(event["conversation_id"]))
            message = messages.get(int(event["message_id"])) if event.get("message_id") else None
            if conversation is not None:
                self._fan_out(event, conversation, message)

    def _fan_out(self, event: dict[str, Any], conversation: Conversation, message: Message | None) -> None:
        body: dict[str, Any] = {
            "type": event["type"],
            "event_id": event["id"],
            "conversation": conversation.model_dump(mode="json"),
        }
        if message is not None:
            body["message"] = message.model_dump(mode="json")
        frame = json.dumps(body)
        for sub in list(self.consoles.get(conversation.workspace_id, ())):
            sub.offer(frame)
        widgets = list(self.widgets.get(conversation.customer_id, ()))
        if not widgets:
            return
        if event["type"] == MESSAGE_CREATED and message is not None and message.direction != "internal":
            widget_frame = json.dumps({"type": "message", "message": _for_customer(body["message"])})
        elif event["type"] == CONVERSATION_UPDATED:
            widget_frame = json.dumps({"type": "conversation", "status": conversation.status})
        else:
            return
        for sub in widgets:
            sub.offer(widget_frame)


def _for_customer(message: dict[str, Any]) -> dict[str, Any]:
    """What a customer may see of a message: never agent ids or internal bookkeeping."""
    keep = (
        "id",
        "conversation_id",
        "direction",
        "author_type",
        "body",
        "client_id",
        "machine_translated",
        "created_at",
    )
    return {k: message[k] for k in keep}
