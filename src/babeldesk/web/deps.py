"""Typed dependencies that keep route signatures short."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.conversations import Role
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.engine import Database
from babeldesk.helpdesk.auth import CustomerClaims, check_customer_token, check_token
from babeldesk.helpdesk.records import Agent
from babeldesk.settings import Settings

SESSION_COOKIE = "babeldesk_session"
_bearer = HTTPBearer(auto_error=False)


async def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def transaction(db: Annotated[Database, Depends(get_db)]) -> AsyncIterator[AsyncConnection]:
    """One transaction per request: committed when the route returns, rolled back if it raises."""
    async with db.transaction() as conn:
        yield conn


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
# scope="function": commit before the response goes out, so a client never acts on a write
# that is not yet visible (FastAPI's default runs the exit code after sending).
ConnDep = Annotated[AsyncConnection, Depends(transaction, scope="function")]
Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


@dataclass(frozen=True)
class AgentAuth:
    agent: Agent
    token_id: int


def request_token(request: Request, bearer: HTTPAuthorizationCredentials | None) -> str | None:
    if bearer is not None:
        return bearer.credentials
    return request.cookies.get(SESSION_COOKIE)


async def current_agent_auth(request: Request, conn: ConnDep, bearer: Bearer) -> AgentAuth:
    token = request_token(request, bearer)
    if not token:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "sign in or send an API token")
    agent, token_id = await check_token(conn, token)
    return AgentAuth(agent, token_id)


async def current_agent(auth: Annotated[AgentAuth, Depends(current_agent_auth)]) -> Agent:
    return auth.agent


CurrentAgent = Annotated[Agent, Depends(current_agent)]
CurrentAuth = Annotated[AgentAuth, Depends(current_agent_auth)]


def require_role(*roles: Role) -> Any:
    """A route dependency refusing agents without one of ``roles`` (403)."""

    async def check(agent: CurrentAgent) -> Agent:
        if agent.role not in roles:
            raise DomainError(ErrorCode.FORBIDDEN, f"needs the role {' or '.join(roles)}")
        return agent

    return Depends(check)


async def current_customer(settings: SettingsDep, bearer: Bearer) -> CustomerClaims:
    if bearer is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "send the widget's customer token")
    return check_customer_token(settings.resolved_secret_key(), bearer.credentials)


CurrentCustomer = Annotated[CustomerClaims, Depends(current_customer)]
