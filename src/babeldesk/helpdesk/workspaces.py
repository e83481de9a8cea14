"""Workspaces (one seller each), their agents and teams."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.conversations import Role
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.tables import agent_teams, agents, teams, workspaces
from babeldesk.helpdesk.auth import hash_password
from babeldesk.helpdesk.records import AGENT_COLUMNS, Agent, LanguageSkill, Team, Workspace


async def get_workspace(conn: AsyncConnection, workspace_id: int) -> Workspace:
    row = (await conn.execute(select(workspaces).where(workspaces.c.id == workspace_id))).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"workspace {workspace_id} not found")
    return Workspace.model_validate(row)


async def get_workspace_by_widget_key(conn: AsyncConnection, widget_key: str) -> Workspace:
    row = (await conn.execute(select(workspaces).where(workspaces.c.widget_key == widget_key))).first()
    if row is None:
        raise DomainError(ErrorCode.NOT_FOUND, "unknown widget key")
    return Workspace.model_validate(row)


async def do_create_workspace(
    conn: AsyncConnection, *, slug: str, name: str, region: str, settings: dict[str, Any] | None = None
) -> Workspace:
    row = (
        await conn.execute(
            insert(workspaces)
            .values(
                slug=slug,
                name=name,
                widget_key="wk_" + secrets.token_urlsafe(18),
                default_region=region,
                settings=settings or {},
            )
            .returning(*workspaces.c)
        )
    ).one()
    return Workspace.model_validate(row)


async def do_create_team(conn: AsyncConnection, workspace_id: int, name: str) -> Team:
    row = (
        await conn.execute(insert(teams).values(workspace_id=workspace_id, name=name).returning(*teams.c))
    ).one()
    return Team.model_validate(row)


async def do_create_agent(
    conn: AsyncConnection,
    workspace_id: int,
    *,
    email: str,
    name: str,
    password: str,
    role: Role = Role.AGENT,
    timezone: str = "UTC",
    tier: int = 1,
    languages: list[LanguageSkill] | None = None,
    team_ids: list[int] | None = None,
) -> Agent:
    row = (
        await conn.execute(
            insert(agents)
            .values(
                workspace_id=workspace_id,
                email=email.lower(),
                name=name,
                password_hash=hash_password(password),
                role=role,
                timezone=timezone,
                tier=tier,
                languages=[skill.model_dump() for skill in languages or []],
            )
            .returning(*AGENT_COLUMNS)
        )
    ).one()
    for team_id in team_ids or []:
        await conn.execute(insert(agent_teams).values(agent_id=row.id, team_id=team_id))
    return Agent.model_validate(row)


async def list_agents(conn: AsyncConnection, workspace_id: int) -> list[Agent]:
    rows = await conn.execute(
        select(*AGENT_COLUMNS).where(agents.c.workspace_id == workspace_id).order_by(agents.c.name)
    )
    return [Agent.model_validate(r) for r in rows]


async def list_teams(conn: AsyncConnection, workspace_id: int) -> list[Team]:
    rows = await conn.execute(
        select(teams).where(teams.c.workspace_id == workspace_id).order_by(teams.c.name)
    )
    return [Team.model_validate(r) for r in rows]
