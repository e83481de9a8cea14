"""A workspace with the demo shop's help articles, for knowledge-base tests."""

from __future__ import annotations

import pytest

from babeldesk.db.engine import Database
from babeldesk.helpdesk.workspaces import do_create_workspace
from babeldesk.kb.demo import seed_demo_articles


@pytest.fixture
async def workspace_id(db: Database) -> int:
    async with db.transaction() as conn:
        workspace = await do_create_workspace(conn, slug="kb-shop", name="KB Shop", region="default")
        return workspace.id


@pytest.fixture
async def shop(db: Database, workspace_id: int) -> int:
    """The workspace, with the demo articles in it."""
    async with db.transaction() as conn:
        await seed_demo_articles(conn, workspace_id)
    return workspace_id
