"""The Babeldesk app plus one bare route, so both are served by the very same process.

``POST /bench/bare`` takes the same JSON body as a widget message and only inserts one row into a
bench-only table, through the app's own engine and pool: the floor that ingest is measured against.
Run it with ``python -m uvicorn --factory bench.bare_app:create`` (environment as for ``babeldesk serve``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from pydantic import BaseModel, Field
from sqlalchemy import BigInteger, Column, MetaData, Table, Text, insert, text

from babeldesk.db.engine import Database
from babeldesk.settings import Settings
from babeldesk.web.app import create_app

BARE_PATH = "/bench/bare"

bench_rows = Table(
    "bench_rows",
    MetaData(),
    Column("id", BigInteger, primary_key=True, autoincrement=True),
    Column("body", Text, nullable=False),
)
_CREATE = text("CREATE TABLE IF NOT EXISTS bench_rows (id bigserial PRIMARY KEY, body text NOT NULL)")


class BareRow(BaseModel):
    body: str
    client_id: str = Field(min_length=8, max_length=100)


class BareCreated(BaseModel):
    id: int


async def insert_row(row: BareRow, request: Request) -> BareCreated:
    db: Database = request.app.state.db
    async with db.transaction() as conn:
        row_id = await conn.scalar(insert(bench_rows).values(body=row.body).returning(bench_rows.c.id))
    return BareCreated(id=int(row_id))


def create() -> FastAPI:
    app = create_app(Settings())
    app_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with app_lifespan(app):
            async with app.state.db.transaction() as conn:
                await conn.execute(_CREATE)
            yield

    app.router.lifespan_context = lifespan
    app.add_api_route(BARE_PATH, insert_row, methods=["POST"], status_code=201, include_in_schema=False)
    return app
