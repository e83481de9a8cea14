"""A workspace with the demo shop's orders in the built-in store, on the real test database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from babeldesk.commerce.builtin import BuiltinCarrier, BuiltinStore
from babeldesk.commerce.demo import seed_demo_orders
from babeldesk.db.engine import Database
from babeldesk.helpdesk.workspaces import do_create_workspace

NOW = datetime(2025, 6, 15, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Shop:
    db: Database
    workspace_id: int
    store: BuiltinStore
    carrier: BuiltinCarrier


async def make_workspace(db: Database, slug: str, region: str = "default") -> int:
    async with db.transaction() as conn:
        workspace = await do_create_workspace(conn, slug=slug, name=slug.title(), region=region)
    return workspace.id


@pytest.fixture
async def shop(db: Database) -> Shop:
    workspace_id = await make_workspace(db, "demo-shop", region="eu")
    async with db.transaction() as conn:
        await seed_demo_orders(conn, workspace_id, now=NOW)
    return Shop(db, workspace_id, BuiltinStore(db, workspace_id), BuiltinCarrier(db, workspace_id))
