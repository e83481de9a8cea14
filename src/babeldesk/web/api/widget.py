"""The web chat widget's side of the API: a customer opens a session, writes, and reads replies."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.conversations import Channel
from babeldesk.helpdesk.auth import CustomerClaims, sign_customer_token
from babeldesk.helpdesk.conversations import get_conversation, latest_conversation_id
from babeldesk.helpdesk.customers import do_attach_identity, do_create_customer
from babeldesk.helpdesk.messages import do_receive_customer_message, list_messages
from babeldesk.helpdesk.workspaces import get_workspace_by_widget_key
from babeldesk.web.deps import ConnDep, CurrentCustomer, SettingsDep
from babeldesk.web.schemas import (
    WidgetMessage,
    WidgetMessageCreate,
    WidgetMessagePage,
    WidgetSession,
    WidgetSessionCreate,
)

router = APIRouter(prefix="/widget", tags=["widget"])


@router.post("/sessions", status_code=201)
async def open_session(body: WidgetSessionCreate, conn: ConnDep, settings: SettingsDep) -> WidgetSession:
    """A new visitor: a customer record and the signed token that identifies them from now on."""
    workspace = await get_workspace_by_widget_key(conn, body.widget_key)
    customer = await do_create_customer(
        conn,
        workspace.id,
        region=workspace.default_region,
        name=body.name,
        email=body.email,
        preferred_language=body.language,
        timezone=body.timezone,
    )
    await do_attach_identity(conn, customer, Channel.WEB, "visitor_" + secrets.token_urlsafe(16))
    token = sign_customer_token(
        settings.resolved_secret_key(), CustomerClaims(workspace.id, customer.id, customer.region)
    )
    return WidgetSession(token=token, customer_id=customer.id, workspace_name=workspace.name)


async def customer_thread(
    conn: AsyncConnection, claims: CustomerClaims, after: int | None, limit: int
) -> WidgetMessagePage:
    conversation_id = await latest_conversation_id(conn, claims.customer_id, Channel.WEB)
    if conversation_id is None:
        return WidgetMessagePage(messages=[], status=None)
    conversation = await get_conversation(conn, claims.workspace_id, conversation_id)
    found = await list_messages(conn, conversation_id, after=after, limit=limit, include_internal=False)
    return WidgetMessagePage(
        messages=[WidgetMessage.model_validate(m, from_attributes=True) for m in found],
        status=conversation.status,
    )


@router.get("/messages")
async def read_messages(
    claims: CurrentCustomer,
    conn: ConnDep,
    after: int | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> WidgetMessagePage:
    return await customer_thread(conn, claims, after, limit)


@router.post("/messages", status_code=201)
async def write_message(
    body: WidgetMessageCreate, claims: CurrentCustomer, conn: ConnDep, settings: SettingsDep
) -> WidgetMessage:
    received = await do_receive_customer_message(
        conn,
        claims.ref,
        body.body,
        channel=Channel.WEB,
        max_chars=settings.max_message_chars,
        client_id=body.client_id,
    )
    return WidgetMessage.model_validate(received.message, from_attributes=True)
