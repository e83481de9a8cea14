"""The workspace's people and teams, as the console needs them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from babeldesk.core.conversations import Role
from babeldesk.helpdesk.audit import AuditEntry, list_audit
from babeldesk.helpdesk.records import Agent, Team
from babeldesk.helpdesk.workspaces import list_agents, list_teams
from babeldesk.web.deps import ConnDep, CurrentAgent, require_role

router = APIRouter(tags=["workspace"])


@router.get("/agents")
async def agents(agent: CurrentAgent, conn: ConnDep) -> list[Agent]:
    return await list_agents(conn, agent.workspace_id)


@router.get("/teams")
async def teams(agent: CurrentAgent, conn: ConnDep) -> list[Team]:
    return await list_teams(conn, agent.workspace_id)


@router.get("/audit", dependencies=[require_role(Role.ADMIN, Role.SUPERVISOR)])
async def audit(
    agent: CurrentAgent,
    conn: ConnDep,
    before: int | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[AuditEntry]:
    return await list_audit(conn, agent.workspace_id, before=before, limit=limit)
