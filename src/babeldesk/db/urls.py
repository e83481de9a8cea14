"""One database URL, spelled the way each client wants it."""

from __future__ import annotations


def libpq_url(url: str) -> str:
    """``postgresql://…`` for psycopg and procrastinate, whatever driver suffix was configured."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {url!r}")
    if scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise ValueError(f"Babeldesk needs PostgreSQL, got {scheme!r}")
    return f"postgresql://{rest}"


def sqlalchemy_url(url: str) -> str:
    """``postgresql+psycopg://…`` for SQLAlchemy with psycopg 3."""
    return "postgresql+psycopg://" + libpq_url(url).partition("://")[2]
