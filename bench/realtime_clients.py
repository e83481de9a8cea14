"""The realtime benchmark's crowd: customers with widget sockets, and probes that time deliveries."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import WebSocketException
from websockets.protocol import State

from babeldesk.core.conversations import Channel
from babeldesk.db.engine import Database
from babeldesk.db.tables import workspaces
from babeldesk.helpdesk.auth import CustomerClaims, sign_customer_token
from babeldesk.helpdesk.customers import do_attach_identity, do_create_customer
from babeldesk.helpdesk.records import Workspace
from bench.harness import SECRET_KEY, latency_summary

CREATE_BATCH = 1000


class Probe:
    """Send times of messages in flight, by ``client_id``, and the delays of those that arrived."""

    def __init__(self) -> None:
        self._sent: dict[str, float] = {}
        self.latencies: list[float] = []
        self.errors = 0
        self.settled = asyncio.Event()  # nothing in flight

    def sent(self, client_id: str) -> None:
        self._sent[client_id] = time.perf_counter()
        self.settled.clear()

    def arrived(self, client_id: object) -> None:
        began = self._sent.pop(client_id, None) if isinstance(client_id, str) else None
        if began is not None:
            self.latencies.append(time.perf_counter() - began)
            self._check_settled()

    def failed(self, client_id: object) -> None:
        if isinstance(client_id, str) and self._sent.pop(client_id, None) is not None:
            self.errors += 1
            self._check_settled()

    def _check_settled(self) -> None:
        if not self._sent:
            self.settled.set()

    def summary(self) -> dict[str, Any]:
        return {**latency_summary(self.latencies), "lost": len(self._sent), "errors": self.errors}


@dataclass
class Customer:
    id: int
    token: str
    socket: ClientConnection | None = None
    conversation_id: int | None = None


class Crowd:
    """Customers of the demo shop, each with a widget socket; the first ``sample_size`` of them write."""

    def __init__(
        self, db_url: str, ws_base: str, console: ClientConnection, sample_size: int, compression: str | None
    ) -> None:
        self.db_url = db_url
        self.ws_base = ws_base
        self.console = console
        self.sample_size = sample_size
        self.compression = compression
        self.customers: list[Customer] = []
        self.to_console, self.acks, self.to_customer = Probe(), Probe(), Probe()
        self._ids = itertools.count()
        self._readers: list[asyncio.Task[None]] = []

    @property
    def sample(self) -> list[Customer]:
        return self.customers[: self.sample_size]

    def next_id(self) -> int:
        return next(self._ids)

    def listen(self, to_console: Probe, acks: Probe, to_customer: Probe) -> None:
        self.to_console, self.acks, self.to_customer = to_console, acks, to_customer

    def open_count(self) -> int:
        return sum(1 for c in self.customers if c.socket is not None and c.socket.state is State.OPEN)

    def console_open(self) -> bool:
        return self.console.state is State.OPEN

    async def grow(self, k: int, concurrency: int) -> dict[str, Any]:
        """Top the crowd up to ``k`` connected customers; returns handshake times and failures."""
        first = len(self.customers)
        began = time.perf_counter()
        await self._create_customers(k - first)
        created = time.perf_counter()
        gate = asyncio.Semaphore(concurrency)
        results = await asyncio.gather(*(self._connect(c, gate) for c in self.customers[first:]))
        connected = time.perf_counter()
        latencies = [r for r in results if r is not None]
        if first == 0:
            await self._start_sample()
        return {
            **latency_summary(latencies),
            "failures": len(results) - len(latencies),
            "new_sockets": len(results),
            "create_customers_s": round(created - began, 2),
            "connect_s": round(connected - created, 2),
        }

    async def _create_customers(self, count: int) -> None:
        """Customers and tokens made in the database by the same actions the sessions API uses: far
        faster than thousands of API calls, and the sockets see no difference."""
        db = Database(self.db_url, pool_size=1)
        try:
            for start in range(0, count, CREATE_BATCH):
                async with db.transaction() as conn:
                    found = await conn.execute(select(workspaces).where(workspaces.c.slug == "demo-shop"))
                    workspace = Workspace.model_validate(found.one())
                    region = workspace.default_region
                    for _ in range(min(CREATE_BATCH, count - start)):
                        customer = await do_create_customer(conn, workspace.id, region=region)
                        visitor = "visitor_" + secrets.token_urlsafe(16)
                        await do_attach_identity(conn, customer, Channel.WEB, visitor)
                        claims = CustomerClaims(workspace.id, customer.id, customer.region)
                        self.customers.append(Customer(customer.id, sign_customer_token(SECRET_KEY, claims)))
        finally:
            await db.dispose()

    async def _connect(self, customer: Customer, gate: asyncio.Semaphore) -> float | None:
        async with gate:
            began = time.perf_counter()
            try:
                customer.socket = await connect(
                    f"{self.ws_base}/ws/widget?token={customer.token}",
                    proxy=None,
                    compression=self.compression,
                    # Browsers never ping; the server does, every 20 s.
                    ping_interval=None,
                    open_timeout=30,
                    close_timeout=2,
                )
            except (OSError, TimeoutError, WebSocketException):
                return None
            return time.perf_counter() - began

    async def _start_sample(self) -> None:
        """Read the writers' sockets, and give each writer a conversation for the agent to answer."""
        for customer in self.sample:
            self._readers.append(asyncio.create_task(widget_reader(customer, self)))
        for n, customer in enumerate(self.sample):
            assert customer.socket is not None
            hello = {"type": "message", "client_id": f"rt-prime-{n:08d}", "body": "hi"}
            await customer.socket.send(json.dumps(hello))
        deadline = time.monotonic() + 30
        while any(c.conversation_id is None for c in self.sample):
            if time.monotonic() > deadline:
                raise RuntimeError("the sample customers' first messages were not acknowledged in 30 s")
            await asyncio.sleep(0.05)

    async def close(self) -> None:
        for reader in self._readers:
            reader.cancel()
        gate = asyncio.Semaphore(500)

        async def close_one(socket: ClientConnection) -> None:
            async with gate:
                with contextlib.suppress(Exception):
                    await socket.close()

        await asyncio.gather(*(close_one(c.socket) for c in self.customers if c.socket is not None))


async def widget_reader(customer: Customer, crowd: Crowd) -> None:
    assert customer.socket is not None
    with contextlib.suppress(WebSocketException):
        async for raw in customer.socket:
            frame = json.loads(raw)
            if frame.get("type") == "ack":
                crowd.acks.arrived(frame.get("client_id"))
            elif frame.get("type") == "error":
                crowd.acks.failed(frame.get("client_id"))
                crowd.to_console.failed(frame.get("client_id"))
            elif frame.get("type") == "message":
                # The customer's own messages come back too: the first one names their conversation.
                customer.conversation_id = frame["message"]["conversation_id"]
                crowd.to_customer.arrived(frame["message"].get("client_id"))


async def console_reader(console: ClientConnection, crowd: Crowd) -> None:
    with contextlib.suppress(WebSocketException):
        async for raw in console:
            frame = json.loads(raw)
            if frame.get("type") == "message.created":
                crowd.to_console.arrived(frame["message"].get("client_id"))
