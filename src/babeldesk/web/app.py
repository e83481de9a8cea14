"""The ASGI application: API, sockets, console and widget, over one database and one hub."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from babeldesk import __version__
from babeldesk.db.engine import Database, resolve_database_url
from babeldesk.db.migrate import upgrade
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.language import warm_up
from babeldesk.settings import Settings, get_settings
from babeldesk.web import pages, sockets
from babeldesk.web.api import auth, conversations, translation, webhooks, widget, workspace
from babeldesk.web.api import bot as bot_api
from babeldesk.web.api import kb as kb_api
from babeldesk.web.errors import BodyLimit, install_error_handlers
from babeldesk.web.hub import Hub

STATIC = Path(__file__).parent / "static"
# Room for a maximal message in multi-byte characters plus the JSON around it.
MAX_BODY_BYTES = 1_000_000


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        url = await asyncio.to_thread(resolve_database_url, settings)
        await asyncio.to_thread(upgrade, url)
        db = Database(url)
        hub = Hub(db)
        await hub.start()
        app.state.db = db
        app.state.hub = hub
        app.state.chains = ChainCache()
        # Load the language models in the background, so the first reply preview doesn't wait.
        warming = asyncio.create_task(asyncio.to_thread(warm_up))
        try:
            yield
        finally:
            await warming
            await app.state.chains.close()
            await hub.stop()
            await db.dispose()

    app = FastAPI(
        title="Babeldesk",
        version=__version__,
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=MAX_BODY_BYTES)
    for module in (auth, conversations, workspace, translation, widget, webhooks, bot_api):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(kb_api.router, prefix="/api/v1")
    app.include_router(sockets.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/healthz", tags=["meta"])
    async def healthz() -> dict[str, str]:
        async with app.state.db.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    return app
