"""The database handle a process holds: which server, and a pooled async engine over it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from babeldesk.db.embedded import start_embedded
from babeldesk.db.urls import libpq_url, sqlalchemy_url
from babeldesk.settings import Settings


def resolve_database_url(settings: Settings) -> str:
    """The configured server, or the embedded one (started on first use) when none is configured."""
    if settings.database_url:
        return libpq_url(settings.database_url)
    return start_embedded(settings.data_dir)


class Database:
    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = libpq_url(url)
        self.engine: AsyncEngine = create_async_engine(
            # No pre-ping: it costs a round trip per request; a connection found dead raises once
            # and the pool discards every connection from before the disconnect.
            sqlalchemy_url(url),
            pool_size=pool_size,
            max_overflow=pool_size,
            pool_recycle=3600,
        )

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """One unit of work: everything inside commits together or not at all."""
        async with self.engine.begin() as conn:
            yield conn

    async def dispose(self) -> None:
        await self.engine.dispose()
