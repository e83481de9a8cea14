"""Who is asking: agents by password, sessions and personal API tokens; customers by signed token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.db.tables import agents, api_tokens
from babeldesk.helpdesk.records import AGENT_COLUMNS, Agent, CustomerRef

_hasher = PasswordHasher()
# Verifying against a real hash when the email is unknown keeps the two failures equally slow.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

SESSION_PREFIX = "bds_"
PERSONAL_PREFIX = "bdp_"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def check_password(conn: AsyncConnection, email: str, password: str) -> Agent:
    row = (
        await conn.execute(
            select(*AGENT_COLUMNS, agents.c.password_hash).where(
                func.lower(agents.c.email) == email.strip().lower(), agents.c.is_active
            )
        )
    ).first()
    stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, InvalidHashError):
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, "wrong email or password") from None
    if row is None:
        raise DomainError(ErrorCode.INVALID_CREDENTIALS, "wrong email or password")
    return Agent.model_validate(row)


@dataclass(frozen=True)
class IssuedToken:
    id: int
    token: str  # shown once; only its hash is kept
    prefix: str
    name: str
    kind: str
    expires_at: datetime | None


async def do_issue_token(
    conn: AsyncConnection, agent_id: int, *, kind: str, name: str, ttl: timedelta | None
) -> IssuedToken:
    token = (SESSION_PREFIX if kind == "session" else PERSONAL_PREFIX) + secrets.token_urlsafe(32)
    expires_at = datetime.now(UTC) + ttl if ttl else None
    token_id = await conn.scalar(
        insert(api_tokens)
        .values(
            agent_id=agent_id,
            kind=kind,
            name=name,
            token_hash=_token_hash(token),
            prefix=token[:10],
            expires_at=expires_at,
        )
        .returning(api_tokens.c.id)
    )
    assert token_id is not None
    return IssuedToken(int(token_id), token, token[:10], name, kind, expires_at)


async def check_token(conn: AsyncConnection, token: str) -> tuple[Agent, int]:
    """The agent a bearer or session token belongs to, and the token's id."""
    row = (
        await conn.execute(
            select(*AGENT_COLUMNS, api_tokens.c.id.label("token_id"), api_tokens.c.kind)
            .join(api_tokens, api_tokens.c.agent_id == agents.c.id)
            .where(
                api_tokens.c.token_hash == _token_hash(token),
                api_tokens.c.revoked_at.is_(None),
                or_(api_tokens.c.expires_at.is_(None), api_tokens.c.expires_at > func.now()),
                agents.c.is_active,
            )
        )
    ).first()
    if row is None:
        raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid or expired token")
    if row.kind == "personal":
        # At most one write a minute per token, so busy integrations don't write on every call.
        await conn.execute(
            update(api_tokens)
            .where(
                api_tokens.c.id == row.token_id,
                or_(
                    api_tokens.c.last_used_at.is_(None),
                    api_tokens.c.last_used_at < func.now() - timedelta(minutes=1),
                ),
            )
            .values(last_used_at=func.now())
        )
    return Agent.model_validate(row), int(row.token_id)


async def do_revoke_token(conn: AsyncConnection, agent_id: int, token_id: int) -> None:
    result = await conn.execute(
        update(api_tokens)
        .where(
            api_tokens.c.id == token_id, api_tokens.c.agent_id == agent_id, api_tokens.c.revoked_at.is_(None)
        )
        .values(revoked_at=func.now())
    )
    if result.rowcount == 0:
        raise DomainError(ErrorCode.NOT_FOUND, f"token {token_id} not found")


# Customers of the web widget hold a signed token instead of a password: the widget stores it
# in the browser and presents it on every request and socket.


@dataclass(frozen=True)
class CustomerClaims:
    workspace_id: int
    customer_id: int
    region: str

    @property
    def ref(self) -> CustomerRef:
        return CustomerRef(workspace_id=self.workspace_id, id=self.customer_id, region=self.region)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def sign_customer_token(secret: str, claims: CustomerClaims) -> str:
    body = _b64(json.dumps({"w": claims.workspace_id, "c": claims.customer_id, "r": claims.region}).encode())
    sig = hmac.new(secret.encode(), b"customer:" + body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(sig)}"


def check_customer_token(secret: str, token: str) -> CustomerClaims:
    body, _, sig = token.partition(".")
    expected = hmac.new(secret.encode(), b"customer:" + body.encode(), hashlib.sha256).digest()
    try:
        valid = hmac.compare_digest(_unb64(sig), expected)
        data = json.loads(_unb64(body)) if valid else None
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise DomainError(ErrorCode.UNAUTHENTICATED, "invalid customer token")
    return CustomerClaims(int(data["w"]), int(data["c"]), str(data["r"]))
