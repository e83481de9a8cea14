"""The audit log: who changed what, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.db.tables import audit_log
from babeldesk.helpdesk.records import Record


class AuditEntry(Record):
    id: int
    actor_agent_id: int | None
    action: str
    target_type: str
    target_id: int | None
    data: dict[str, Any]
    at: datetime


async def do_audit(
    conn: AsyncConnection,
    workspace_id: int,
    actor_agent_id: int | None,
    action: str,
    target_type: str,
    target_id: int | None,
    data: dict[str, Any] | None = None,
) -> None:
    await conn.execute(
        insert(audit_log).values(
            workspace_id=workspace_id,
            actor_agent_id=actor_agent_id,
            action=action,
            target_type=target_type,
            target_id=target_id,
            data=data or {},
        )
    )


async def list_audit(
    conn: AsyncConnection, workspace_id: int, *, before: int | None = None, limit: int = 100
) -> list[AuditEntry]:
    query = select(audit_log).where(audit_log.c.workspace_id == workspace_id)
    if before is not None:
        query = query.where(audit_log.c.id < before)
    rows = await conn.execute(query.order_by(audit_log.c.id.desc()).limit(limit))
    return [AuditEntry.model_validate(r) for r in rows]
