"""Signing in and out of the console, and personal API tokens for integrations."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Response
from sqlalchemy import select

from babeldesk.db.tables import api_tokens
from babeldesk.helpdesk.audit import do_audit
from babeldesk.helpdesk.auth import check_password, do_issue_token, do_revoke_token
from babeldesk.helpdesk.records import Agent
from babeldesk.web.deps import SESSION_COOKIE, ConnDep, CurrentAgent, CurrentAuth, SettingsDep
from babeldesk.web.schemas import LoginRequest, LoginResponse, TokenCreate, TokenCreated, TokenPublic

router = APIRouter(tags=["auth"])


@router.post("/auth/login")
async def login(
    body: LoginRequest, conn: ConnDep, settings: SettingsDep, response: Response
) -> LoginResponse:
    agent = await check_password(conn, body.email, body.password)
    await do_audit(conn, agent.workspace_id, agent.id, "agent.sign_in", "agent", agent.id)
    ttl = timedelta(days=settings.session_days)
    issued = await do_issue_token(conn, agent.id, kind="session", name="console", ttl=ttl)
    response.set_cookie(
        SESSION_COOKIE,
        issued.token,
        max_age=int(ttl.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=settings.secure_cookies,
    )
    return LoginResponse(token=issued.token, agent=agent)


@router.post("/auth/logout", status_code=204)
async def logout(auth: CurrentAuth, conn: ConnDep, response: Response) -> None:
    await do_revoke_token(conn, auth.agent.id, auth.token_id)
    response.delete_cookie(SESSION_COOKIE)


@router.get("/me")
async def me(agent: CurrentAgent) -> Agent:
    return agent


@router.get("/tokens")
async def list_tokens(agent: CurrentAgent, conn: ConnDep) -> list[TokenPublic]:
    rows = await conn.execute(
        select(api_tokens)
        .where(
            api_tokens.c.agent_id == agent.id,
            api_tokens.c.kind == "personal",
            api_tokens.c.revoked_at.is_(None),
        )
        .order_by(api_tokens.c.id)
    )
    return [TokenPublic.model_validate(r, from_attributes=True) for r in rows]


@router.post("/tokens", status_code=201)
async def create_token(body: TokenCreate, agent: CurrentAgent, conn: ConnDep) -> TokenCreated:
    ttl = timedelta(days=body.expires_in_days) if body.expires_in_days else None
    issued = await do_issue_token(conn, agent.id, kind="personal", name=body.name, ttl=ttl)
    await do_audit(
        conn, agent.workspace_id, agent.id, "token.create", "api_token", issued.id, {"name": body.name}
    )
    return TokenCreated(
        id=issued.id,
        name=issued.name,
        prefix=issued.prefix,
        kind=issued.kind,
        expires_at=issued.expires_at,
        token=issued.token,
    )


@router.delete("/tokens/{token_id}", status_code=204)
async def revoke_token(token_id: int, agent: CurrentAgent, conn: ConnDep) -> None:
    await do_revoke_token(conn, agent.id, token_id)
    await do_audit(conn, agent.workspace_id, agent.id, "token.revoke", "api_token", token_id)
