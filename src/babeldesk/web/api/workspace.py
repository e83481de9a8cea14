"""The workspace's people and teams, as the console needs them."""

from __future__ import annotations

from fastapi import APIRouter

from babeldesk.helpdesk.records import Agent, Team
from babeldesk.helpdesk.workspaces import list_agents, list_teams
from babeldesk.web.deps import ConnDep, CurrentAgent

router = APIRouter(tags=["workspace"])


@router.get("/agents")
async def agents(agent: CurrentAgent, conn: ConnDep) -> list[Agent]:
    return await list_agents(conn, agent.workspace_id)


@router.get("/teams")
async def teams(agent: CurrentAgent, conn: ConnDep) -> list[Team]:
    return await list_teams(conn, agent.workspace_id)
