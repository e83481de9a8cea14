"""The bot in the console: its settings, handing a conversation back to it, alerts, working hours."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import update

from babeldesk.bot.availability import do_set_agent_week, get_agent_week
from babeldesk.bot.policy import PolicyError, policy_from_settings
from babeldesk.bot.service import BotSettings, bot_settings
from babeldesk.core.conversations import Role
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.core.hours import HoursError, WeeklyHours, parse_week, week_json, zone
from babeldesk.db.tables import agents, workspaces
from babeldesk.helpdesk.audit import do_audit
from babeldesk.helpdesk.conversations import do_clear_alert, do_hand_back_to_bot
from babeldesk.helpdesk.records import Conversation
from babeldesk.helpdesk.workspaces import get_workspace
from babeldesk.web.deps import ConnDep, CurrentAgent, require_role

router = APIRouter(tags=["bot"])


class BotPolicyPublic(BaseModel):
    return_window_days: int = Field(ge=0, le=3650)
    changed_mind_return_paid_by: Literal["customer", "seller"]
    ship_within_days: int = Field(ge=0, le=3650)


class BotSettingsPublic(BotSettings):
    policy: BotPolicyPublic


class WeekPublic(BaseModel):
    """Weekly hours: ``{"mon": ["09:00-17:00"], "sat": ["22:00-06:00"]}`` in ``timezone``."""

    timezone: str = Field(min_length=1, max_length=64)
    week: dict[str, list[str]]


def _public(settings: dict[str, Any]) -> BotSettingsPublic:
    policy = policy_from_settings(settings)
    return BotSettingsPublic(
        **bot_settings(settings).model_dump(),
        policy=BotPolicyPublic(
            return_window_days=policy.return_window_days,
            changed_mind_return_paid_by=policy.changed_mind_return_paid_by.value,
            ship_within_days=policy.ship_within_days,
        ),
    )


@router.get("/bot/settings")
async def get_bot_settings(agent: CurrentAgent, conn: ConnDep) -> BotSettingsPublic:
    return _public((await get_workspace(conn, agent.workspace_id)).settings)


@router.put("/bot/settings", dependencies=[require_role(Role.ADMIN)])
async def set_bot_settings(body: BotSettingsPublic, agent: CurrentAgent, conn: ConnDep) -> BotSettingsPublic:
    """Saved over what is there: other keys of ``settings["bot"]`` (an LLM, shipping rules) stay."""
    saved = (await get_workspace(conn, agent.workspace_id)).settings.get("bot") or {}
    chosen = body.model_dump(mode="json")
    merged = {**saved, **chosen, "policy": {**(saved.get("policy") or {}), **chosen["policy"]}}
    try:
        policy_from_settings({"bot": merged})
    except PolicyError as exc:
        raise DomainError(ErrorCode.INVALID_VALUE, str(exc)) from None
    await conn.execute(
        update(workspaces)
        .where(workspaces.c.id == agent.workspace_id)
        .values(settings=workspaces.c.settings.op("||")({"bot": merged}))
    )
    await do_audit(
        conn, agent.workspace_id, agent.id, "bot.configure", "workspace", agent.workspace_id, chosen
    )
    return _public({"bot": merged})


@router.post("/conversations/{conversation_id}/hand-back")
async def hand_back(conversation_id: int, agent: CurrentAgent, conn: ConnDep) -> Conversation:
    """The bot answers the customer again, from their next message on."""
    return await do_hand_back_to_bot(conn, agent.workspace_id, conversation_id, actor_agent_id=agent.id)


@router.delete("/conversations/{conversation_id}/alert")
async def clear_alert(conversation_id: int, agent: CurrentAgent, conn: ConnDep) -> Conversation:
    return await do_clear_alert(conn, agent.workspace_id, conversation_id, actor_agent_id=agent.id)


@router.get("/agents/{agent_id}/hours")
async def agent_hours(agent_id: int, agent: CurrentAgent, conn: ConnDep) -> WeekPublic:
    target = await _agent_timezone(conn, agent.workspace_id, agent_id)
    return WeekPublic(timezone=target, week=week_json(await get_agent_week(conn, agent_id)))


@router.put("/agents/{agent_id}/hours")
async def set_agent_hours(agent_id: int, body: WeekPublic, agent: CurrentAgent, conn: ConnDep) -> WeekPublic:
    """An agent sets their own hours; admins and supervisors anyone's."""
    if agent_id != agent.id and agent.role not in (Role.ADMIN, Role.SUPERVISOR):
        raise DomainError(ErrorCode.FORBIDDEN, "only admins and supervisors set other agents' hours")
    hours = _checked(body)
    await do_set_agent_week(conn, agent.workspace_id, agent_id, hours.shifts)
    await conn.execute(update(agents).where(agents.c.id == agent_id).values(timezone=hours.timezone))
    await do_audit(conn, agent.workspace_id, agent.id, "agent.hours", "agent", agent_id, body.model_dump())
    return WeekPublic(timezone=hours.timezone, week=week_json(hours.shifts))


@router.put("/workspace/business-hours/{region}", dependencies=[require_role(Role.ADMIN)])
async def set_business_hours(region: str, body: WeekPublic, agent: CurrentAgent, conn: ConnDep) -> WeekPublic:
    """When callbacks may be booked for customers of ``region`` (``default`` for every other)."""
    hours = _checked(body)
    public = WeekPublic(timezone=hours.timezone, week=week_json(hours.shifts))
    saved = (await get_workspace(conn, agent.workspace_id)).settings.get("business_hours") or {}
    await conn.execute(
        update(workspaces)
        .where(workspaces.c.id == agent.workspace_id)
        .values(
            settings=workspaces.c.settings.op("||")(
                {"business_hours": {**saved, region: public.model_dump()}}
            )
        )
    )
    await do_audit(conn, agent.workspace_id, agent.id, "business_hours.set", "workspace", agent.workspace_id)
    return public


def _checked(body: WeekPublic) -> WeeklyHours:
    try:
        zone(body.timezone)
        return WeeklyHours(body.timezone, parse_week(body.week))
    except HoursError as exc:
        raise DomainError(ErrorCode.INVALID_VALUE, str(exc)) from None


async def _agent_timezone(conn: ConnDep, workspace_id: int, agent_id: int) -> str:
    found = await conn.scalar(
        agents.select()
        .with_only_columns(agents.c.timezone)
        .where(agents.c.id == agent_id, agents.c.workspace_id == workspace_id)
    )
    if found is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"agent {agent_id} not found")
    return str(found)
