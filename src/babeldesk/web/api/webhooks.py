"""Outgoing webhooks: integrations subscribe a URL to events (admins only)."""

from __future__ import annotations

import secrets

from fastapi import APIRouter
from sqlalchemy import delete, insert, select

from babeldesk.core.conversations import Role
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.tables import webhook_endpoints
from babeldesk.helpdesk.audit import do_audit
from babeldesk.helpdesk.events import EVENT_TYPES
from babeldesk.web.deps import ConnDep, CurrentAgent, require_role
from babeldesk.web.schemas import WebhookCreate, WebhookPublic

router = APIRouter(prefix="/webhooks", tags=["webhooks"], dependencies=[require_role(Role.ADMIN)])


@router.get("")
async def list_webhooks(agent: CurrentAgent, conn: ConnDep) -> list[WebhookPublic]:
    rows = await conn.execute(
        select(webhook_endpoints)
        .where(webhook_endpoints.c.workspace_id == agent.workspace_id)
        .order_by(webhook_endpoints.c.id)
    )
    return [WebhookPublic(id=r.id, url=r.url, events=r.events, is_active=r.is_active) for r in rows]


@router.post("", status_code=201)
async def create_webhook(body: WebhookCreate, agent: CurrentAgent, conn: ConnDep) -> WebhookPublic:
    unknown = sorted(set(body.events) - {*EVENT_TYPES, "*"})
    if unknown:
        raise DomainError(ErrorCode.INVALID_VALUE, f"unknown events: {', '.join(unknown)}")
    secret = "whsec_" + secrets.token_urlsafe(24)
    row = (
        await conn.execute(
            insert(webhook_endpoints)
            .values(workspace_id=agent.workspace_id, url=body.url, secret=secret, events=body.events)
            .returning(*webhook_endpoints.c)
        )
    ).one()
    await do_audit(conn, agent.workspace_id, agent.id, "webhook.create", "webhook", row.id, {"url": body.url})
    # The signing secret is shown once, at creation.
    return WebhookPublic(id=row.id, url=row.url, events=row.events, is_active=row.is_active, secret=secret)


@router.delete("/{webhook_id}", status_code=204)
async def delete_webhook(webhook_id: int, agent: CurrentAgent, conn: ConnDep) -> None:
    result = await conn.execute(
        delete(webhook_endpoints).where(
            webhook_endpoints.c.id == webhook_id, webhook_endpoints.c.workspace_id == agent.workspace_id
        )
    )
    if result.rowcount == 0:
        raise DomainError(ErrorCode.NOT_FOUND, f"webhook {webhook_id} not found")
    await do_audit(conn, agent.workspace_id, agent.id, "webhook.delete", "webhook", webhook_id)
