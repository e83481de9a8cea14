"""Live events over WebSocket: after commit only, to the right sockets, across server processes."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from babeldesk.core.conversations import Channel
from babeldesk.db.engine import Database
from babeldesk.helpdesk.customers import get_customer
from babeldesk.helpdesk.events import CHANNEL
from babeldesk.helpdesk.messages import do_receive_customer_message
from tests.conftest import Demo, ServerProcess, login, start_server
from tests.web.test_api import MEI, widget_session


def ws_url(server_url: str, path: str, token: str) -> str:
    return server_url.replace("http://", "ws://") + f"{path}?token={token}"


async def next_frame(ws: ClientConnection, kind: str, timeout: float = 10) -> dict[str, Any]:
    async with asyncio.timeout(timeout):
        while True:
            frame: dict[str, Any] = json.loads(await ws.recv())
            if frame["type"] == kind:
                return frame


def bearer(headers: dict[str, str]) -> str:
    return headers["authorization"].removeprefix("Bearer ")


async def test_console_hears_a_customer_message_and_the_widget_hears_the_reply(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str
) -> None:
    agent = await login(client, MEI)
    customer = await widget_session(client, database_url, name="Kai")
    async with (
        websockets.connect(ws_url(server.url, "/ws/console", bearer(agent))) as console,
        websockets.connect(ws_url(server.url, "/ws/widget", bearer(customer))) as widget,
    ):
        await next_frame(console, "hello")
        await widget.send(json.dumps({"type": "message", "client_id": "kai-0001", "body": "Hello?"}))
        ack = await next_frame(widget, "ack")
        created = await next_frame(console, "message.created")
        assert created["message"]["id"] == ack["message"]["id"]
        assert created["message"]["body"] == "Hello?"
        assert created["conversation"]["customer_name"] == "Kai"

        conversation_id = created["conversation"]["id"]
        reply = await client.post(
            f"/api/v1/conversations/{conversation_id}/messages", json={"body": "Hi Kai"}, headers=agent
        )
        heard = await next_frame(widget, "message")
        while heard["message"]["direction"] != "outbound":
            heard = await next_frame(widget, "message")
        assert heard["message"]["id"] == reply.json()["id"]
        assert "author_agent_id" not in heard["message"]


async def test_widget_socket_stores_a_resent_message_once(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str
) -> None:
    customer = await widget_session(client, database_url)
    url = ws_url(server.url, "/ws/widget", bearer(customer))
    frame = json.dumps({"type": "message", "client_id": "dup-00001", "body": "once"})
    async with websockets.connect(url) as first:
        await first.send(frame)
        ack1 = await next_frame(first, "ack")
    async with websockets.connect(url) as second:
        await second.send(frame)
        ack2 = await next_frame(second, "ack")
        await second.send(json.dumps({"type": "sync", "after": None}))
        synced = await next_frame(second, "sync")
    assert ack1["message"]["id"] == ack2["message"]["id"]
    assert [m["body"] for m in synced["messages"]] == ["once"]


async def test_widget_socket_explains_bad_frames(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str
) -> None:
    customer = await widget_session(client, database_url)
    async with websockets.connect(ws_url(server.url, "/ws/widget", bearer(customer))) as widget:
        await widget.send("not json")
        assert (await next_frame(widget, "error"))["code"] == "invalid_request"
        await widget.send(json.dumps({"type": "message", "client_id": "long-0001", "body": "x" * 10_001}))
        error = await next_frame(widget, "error")
        assert (error["client_id"], error["code"]) == ("long-0001", "message_too_long")
        await widget.send(json.dumps({"type": "message", "body": "no id"}))
        assert (await next_frame(widget, "error"))["detail"][0]["field"] == "client_id"


async def test_sockets_refuse_bad_tokens(server: ServerProcess) -> None:
    for path in ("/ws/widget", "/ws/console"):
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            async with websockets.connect(ws_url(server.url, path, "forged")) as ws:
                await ws.recv()
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008


async def test_events_are_announced_only_after_commit(db: Database, demo: Demo, database_url: str) -> None:
    async with await psycopg.AsyncConnection.connect(database_url, autocommit=True) as listener:
        await listener.execute(f"LISTEN {CHANNEL}")
        heard: list[str] = []

        async def collect() -> None:
            async for note in listener.notifies(timeout=1.5):
                heard.append(note.payload)

        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                customer = await get_customer(conn, 1, 1)
                await do_receive_customer_message(
                    conn, customer.ref, "rolled back", channel=Channel.WEB, max_chars=100
                )
                raise RuntimeError("the request failed after the write")
        await collect()
        assert heard == [], "a rolled-back write must not be announced"
        async with db.engine.connect() as conn:
            assert (
                await conn.exec_driver_sql("SELECT count(*) FROM messages WHERE body = 'rolled back'")
            ).scalar() == 0

        async with db.transaction() as conn:
            customer = await get_customer(conn, 1, 1)
            await do_receive_customer_message(
                conn, customer.ref, "committed", channel=Channel.WEB, max_chars=100
            )
        await collect()
        assert [json.loads(p)["type"] for p in heard] == ["message.created"]


async def test_a_message_posted_to_one_server_reaches_a_console_on_another(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, tmp_root: Path
) -> None:
    other = start_server(database_url, tmp_root / "server-b")
    try:
        agent = await login(client, MEI)
        async with websockets.connect(ws_url(other.url, "/ws/console", bearer(agent))) as console:
            await next_frame(console, "hello")
            customer = await widget_session(client, database_url)
            sent = await client.post(
                f"{server.url}/api/v1/widget/messages",
                json={"body": "via server A", "client_id": str(uuid.uuid4())},
                headers=customer,
            )
            created = await next_frame(console, "message.created")
            assert created["message"]["id"] == sent.json()["id"]
    finally:
        other.stop()


async def test_a_customer_reading_marks_replies_read_and_the_console_hears_it(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str
) -> None:
    agent = await login(client, MEI)
    customer = await widget_session(client, database_url)
    other = await widget_session(client, database_url)
    async with (
        websockets.connect(ws_url(server.url, "/ws/console", bearer(agent))) as console,
        websockets.connect(ws_url(server.url, "/ws/widget", bearer(customer))) as widget,
        websockets.connect(ws_url(server.url, "/ws/widget", bearer(other))) as stranger,
    ):
        await next_frame(console, "hello")
        await widget.send(json.dumps({"type": "message", "client_id": "read-0001", "body": "Hi"}))
        conversation_id = (await next_frame(console, "message.created"))["conversation"]["id"]
        path = f"/api/v1/conversations/{conversation_id}/messages"
        first = (await client.post(path, json={"body": "One"}, headers=agent)).json()
        second = (await client.post(path, json={"body": "Two"}, headers=agent)).json()

        await stranger.send(json.dumps({"type": "read", "up_to": second["id"]}))
        await widget.send(json.dumps({"type": "read", "up_to": first["id"]}))
        updated = await next_frame(console, "message.updated")
        assert (updated["message"]["id"], updated["message"]["delivery_status"]) == (first["id"], "read")

        await widget.send(json.dumps({"type": "read", "up_to": "all"}))
        assert (await next_frame(widget, "error"))["code"] == "invalid_request"
    thread = (await client.get(path, headers=agent)).json()["messages"]
    statuses = {m["body"]: m["delivery_status"] for m in thread}
    assert statuses == {"Hi": "received", "One": "read", "Two": "sent"}, (
        "a stranger cannot mark others' replies"
    )
