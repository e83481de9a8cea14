"""The inbox in the agent's language, in a real browser: Mei (English, Chinese) sees a Spanish
customer's last message translated, marked as such, and live: a new message shows as written until
its translation arrives, then in English."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import httpx
import psycopg
import pytest
from playwright.async_api import BrowserContext, expect

from babeldesk.db.engine import Database
from tests.browser.test_console import Console
from tests.conftest import Demo, ServerProcess, login
from tests.language.fake_providers import FakeOpenAI, fake_translate, running
from tests.web.test_api import MEI
from tests.web.test_inbox_preview import understand, use_engine

FIRST = "Hola, ¿dónde está mi pedido? Lo compré hace una semana."
SECOND = "Ya pasaron diez días y el paquete todavía no ha llegado."


@pytest.fixture
def engine() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI()) as fake:
        yield fake


@pytest.fixture
async def mei(context: BrowserContext, server: ServerProcess, demo: Demo) -> AsyncIterator[Console]:
    ui = Console(await context.new_page(), server.url)
    ui.page.on("pageerror", lambda error: ui.errors.append(str(error)))
    yield ui
    assert ui.errors == []


async def says(http: httpx.AsyncClient, token: str, body: str) -> int:
    sent = await http.post(
        "/api/v1/widget/messages",
        json={"body": body, "client_id": uuid.uuid4().hex},
        headers={"authorization": f"Bearer {token}"},
    )
    assert sent.status_code == 201, sent.text
    return int(sent.json()["id"])


async def test_the_inbox_shows_the_last_message_in_the_agents_language(
    mei: Console, client: httpx.AsyncClient, engine: FakeOpenAI, db: Database, database_url: str
) -> None:
    admin = await login(client, MEI)
    await use_engine(client, admin, engine)
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT widget_key FROM workspaces WHERE slug = 'demo-shop'").fetchone()
    assert row is not None
    visitor = {"widget_key": row[0], "name": "Lucía Prieto"}
    session = await client.post("/api/v1/widget/sessions", json=visitor)
    token = session.json()["token"]
    await understand(db, await says(client, token, FIRST))
    page = (await client.get("/api/v1/conversations?limit=200", headers=admin)).json()
    conversation = next(c["id"] for c in page["conversations"] if c["customer_name"] == "Lucía Prieto")

    await mei.signed_in()
    preview = mei.row(conversation).get_by_test_id("inbox-preview")
    await expect(preview).to_have_text(f"⇄ {fake_translate(FIRST, 'en')}")
    await expect(preview).to_have_attribute("lang", "en")
    await expect(preview.get_by_test_id("inbox-preview-translated")).to_have_attribute(
        "title", "Translated from Spanish"
    )

    # live: the new message as written until its translation arrives, then translated
    second = await says(client, token, SECOND)
    await expect(preview).to_have_text(SECOND)
    await expect(preview.get_by_test_id("inbox-preview-translated")).to_have_count(0)
    await understand(db, second)
    await expect(preview).to_have_text(f"⇄ {fake_translate(SECOND, 'en')}")
