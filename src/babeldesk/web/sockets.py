"""WebSocket endpoints: the console listens; the widget listens and writes.

The widget sends each message with a ``client_id`` it chose and keeps it until acknowledged, so a
message written while the socket reconnects is sent again and stored once (the id is unique per
conversation), in the order written (one socket handles its frames one at a time).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from pydantic import ValidationError

from babeldesk.core.conversations import Channel
from babeldesk.core.errors import DomainError
from babeldesk.db.engine import Database
from babeldesk.helpdesk.auth import CustomerClaims, check_customer_token, check_token
from babeldesk.helpdesk.messages import do_mark_read, do_receive_customer_message
from babeldesk.helpdesk.records import Agent
from babeldesk.settings import Settings
from babeldesk.web.api.widget import customer_thread
from babeldesk.web.deps import SESSION_COOKIE
from babeldesk.web.hub import Hub, Subscriber
from babeldesk.web.schemas import WidgetMessage, WidgetMessageCreate

router = APIRouter()
POLICY_VIOLATION = 1008


@router.websocket("/ws/console")
async def console_socket(ws: WebSocket) -> None:
    db: Database = ws.app.state.db
    hub: Hub = ws.app.state.hub
    agent = await _socket_agent(db, ws.query_params.get("token") or ws.cookies.get(SESSION_COOKIE))
    if agent is None:
        await _refuse(ws, "unauthenticated")
        return
    await ws.accept()
    sub = Subscriber(ws.send_text, agent.workspace_id, agent_id=agent.id)
    hub.subscribe(sub)
    await sub.send(json.dumps({"type": "hello", "agent_id": agent.id}))
    await _serve(ws, hub, sub, lambda frame: _console_frame(ws, frame))


async def _refuse(ws: WebSocket, reason: str) -> None:
    # Accept first: a browser sees a refused handshake only as code 1006, but sees 1008 after
    # accept, which tells the widget to drop its token rather than retry it forever.
    await ws.accept()
    await ws.close(code=POLICY_VIOLATION, reason=reason)


async def _socket_agent(db: Database, token: str | None) -> Agent | None:
    if not token:
        return None
    try:
        async with db.transaction() as conn:
            agent, _ = await check_token(conn, token)
    except DomainError:
        return None
    return agent


async def _console_frame(ws: WebSocket, frame: dict[str, Any]) -> None:
    if frame.get("type") == "ping":
        await ws.send_text(json.dumps({"type": "pong"}))


@router.websocket("/ws/widget")
async def widget_socket(ws: WebSocket) -> None:
    settings: Settings = ws.app.state.settings
    hub: Hub = ws.app.state.hub
    try:
        claims = check_customer_token(settings.resolved_secret_key(), ws.query_params.get("token", ""))
    except DomainError:
        await _refuse(ws, "invalid customer token")
        return
    await ws.accept()
    sub = Subscriber(ws.send_text, claims.workspace_id, customer_id=claims.customer_id)
    hub.subscribe(sub)
    await _serve(ws, hub, sub, lambda frame: _widget_frame(ws, claims, frame))


async def _serve(ws: WebSocket, hub: Hub, sub: Subscriber, handle: Any) -> None:
    """Read frames until the client leaves; the hub's pump writes events meanwhile.

    When the pump stops (the client fell behind, or a write failed) it closes the socket, which
    ends the read loop here: one reader and one writer task per socket, whatever the traffic.
    """
    pump = asyncio.create_task(sub.pump())
    pump.add_done_callback(lambda _: asyncio.ensure_future(_close_quietly(ws)))
    try:
        while True:
            raw = await ws.receive_text()
            try:
                frame = json.loads(raw)
            except json.JSONDecodeError:
                frame = None
            if not isinstance(frame, dict):
                await ws.send_text(_error(None, "invalid_request", "frames are JSON objects"))
                continue
            await handle(frame)
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        hub.unsubscribe(sub)
        pump.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await pump
        await _close_quietly(ws)


async def _close_quietly(ws: WebSocket) -> None:
    with contextlib.suppress(RuntimeError, WebSocketDisconnect):
        await ws.close()


def _error(client_id: str | None, code: str, detail: object) -> str:
    return json.dumps({"type": "error", "client_id": client_id, "code": code, "detail": detail})


async def _widget_frame(ws: WebSocket, claims: CustomerClaims, frame: dict[str, Any]) -> None:
    db: Database = ws.app.state.db
    settings: Settings = ws.app.state.settings
    kind = frame.get("type")
    if kind == "ping":
        await ws.send_text(json.dumps({"type": "pong"}))
    elif kind == "sync":
        after = frame.get("after")
        async with db.engine.connect() as conn:
            page = await customer_thread(conn, claims, after if isinstance(after, int) else None, 500)
        await ws.send_text(json.dumps({"type": "sync", **page.model_dump(mode="json")}))
    elif kind == "read":
        up_to = frame.get("up_to")
        if not isinstance(up_to, int) or isinstance(up_to, bool):
            await ws.send_text(_error(None, "invalid_request", "read needs up_to, a message id"))
            return
        async with db.transaction() as conn:
            await do_mark_read(conn, claims.ref, Channel.WEB, up_to)
    elif kind == "message":
        client_id = frame.get("client_id") if isinstance(frame.get("client_id"), str) else None
        try:
            body = WidgetMessageCreate.model_validate({k: v for k, v in frame.items() if k != "type"})
            async with db.transaction() as conn:
                received = await do_receive_customer_message(
                    conn,
                    claims.ref,
                    body.body,
                    channel=Channel.WEB,
                    max_chars=settings.max_message_chars,
                    client_id=body.client_id,
                )
        except ValidationError as exc:
            fields = [{"field": ".".join(map(str, e["loc"])), "problem": e["msg"]} for e in exc.errors()]
            await ws.send_text(_error(client_id, "invalid_request", fields))
            return
        except DomainError as exc:
            await ws.send_text(_error(client_id, exc.code, exc.detail))
            return
        message = WidgetMessage.model_validate(received.message, from_attributes=True)
        await ws.send_text(
            json.dumps(
                {"type": "ack", "client_id": body.client_id, "message": message.model_dump(mode="json")}
            )
        )
    else:
        await ws.send_text(_error(None, "invalid_request", f"unknown frame type {kind!r}"))
