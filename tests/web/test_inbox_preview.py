"""The inbox's preview line in the agent's language: ``GET /conversations`` carries, for each
conversation whose last message is the customer's, that message's translations cut to one line.

The customer writes through the widget API, and the message goes through the worker's own steps
(detect, translate with a local OpenAI-compatible engine, store) before the inbox is read."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from babeldesk.core.messages import preview
from babeldesk.db.engine import Database
from babeldesk.db.tables import messages
from babeldesk.helpdesk.previews import translated_previews
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.helpdesk.understanding import do_detect, do_store_translations, translate_for_agents
from tests.conftest import Demo, login
from tests.language.fake_providers import FakeOpenAI, fake_translate, running
from tests.web.test_api import LENA, MEI, widget_session

# Long, so that the one-line preview is cut and the translation too.
SPANISH = (
    "Hola, mi pedido todavía no ha llegado y ya pasaron dos semanas desde que lo compré en su tienda; "
    "¿pueden decirme dónde está el paquete y cuándo va a llegar, por favor?"
)


@pytest.fixture
def engine() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI()) as fake:
        yield fake


async def use_engine(client: httpx.AsyncClient, admin: dict[str, str], engine: FakeOpenAI) -> None:
    settings = {"engines": [{"kind": "openai", "url": engine.url, "model": "fake-mt"}]}
    response = await client.put("/api/v1/workspace/translation", json=settings, headers=admin)
    assert response.status_code == 200, response.text


async def customer_writes(
    client: httpx.AsyncClient, db: Database, customer: dict[str, str], body: str, *, translate: bool = True
) -> dict[str, Any]:
    payload = {"body": body, "client_id": uuid.uuid4().hex}
    sent = await client.post("/api/v1/widget/messages", json=payload, headers=customer)
    assert sent.status_code == 201, sent.text
    message: dict[str, Any] = sent.json()
    async with db.transaction() as conn:  # the widget is not told which conversation it is
        found = select(messages.c.conversation_id).where(messages.c.id == message["id"])
        message["conversation_id"] = await conn.scalar(found)
    if translate:
        await understand(db, message["id"])
    return message


async def understand(db: Database, message_id: int) -> None:
    """What the worker's understand_message does for translation, in this process."""
    chains = ChainCache()
    try:
        async with db.transaction() as conn:
            plan = await do_detect(conn, message_id)
        assert plan is not None and plan.targets
        chain = chains.chain_for(plan.workspace_id, plan.settings)
        state, translations = await translate_for_agents(db, plan, chain)
        async with db.transaction() as conn:
            await do_store_translations(conn, plan, state, translations)
    finally:
        await chains.close()


async def inbox(client: httpx.AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    page = await client.get("/api/v1/conversations?status=open&limit=200", headers=headers)
    assert page.status_code == 200, page.text
    body: dict[str, Any] = page.json()
    return body


async def test_the_last_customer_message_comes_with_its_translations(
    client: httpx.AsyncClient, engine: FakeOpenAI, db: Database, database_url: str, demo: Demo
) -> None:
    admin = await login(client, MEI)
    await use_engine(client, admin, engine)
    customer = await widget_session(client, database_url, name="Lucía")
    message = await customer_writes(client, db, customer, SPANISH)

    page = await inbox(client, admin)
    conversation = next(c for c in page["conversations"] if c["id"] == message["conversation_id"])
    assert conversation["last_message_preview"] == preview(SPANISH), "the stored preview stays the original"
    last = page["preview_translations"][str(message["conversation_id"])]
    assert last["message_id"] == message["id"] and last["language"] == "es"
    # one target per agent who cannot read Spanish: Mei reads English first, Lena German
    assert set(last["translations"]) == {"en", "de"}
    english = last["translations"]["en"]
    assert english == {"text": preview(fake_translate(SPANISH, "en")), "engine": "openai:fake-mt"}
    assert english["text"].endswith("…") and len(english["text"]) <= len(fake_translate(SPANISH, "en"))
    # the same answer for every agent: the console picks the language each one reads
    lena = await login(client, LENA)
    assert (await inbox(client, lena))["preview_translations"] == page["preview_translations"]


async def test_only_a_customer_message_that_is_last_is_previewed_translated(
    client: httpx.AsyncClient, engine: FakeOpenAI, db: Database, database_url: str, demo: Demo
) -> None:
    admin = await login(client, MEI)
    await use_engine(client, admin, engine)
    customer = await widget_session(client, database_url, name="Lucía")
    message = await customer_writes(client, db, customer, SPANISH)
    key = str(message["conversation_id"])

    note = {"body": "Checking the carrier", "internal": True}
    posted = await client.post(f"/api/v1/conversations/{key}/messages", json=note, headers=admin)
    assert posted.status_code == 201
    assert key in (await inbox(client, admin))["preview_translations"], "a note is not what the preview shows"

    reply = {"body": "Your parcel is on its way."}
    replied = await client.post(f"/api/v1/conversations/{key}/messages", json=reply, headers=admin)
    assert replied.status_code == 201
    assert key not in (await inbox(client, admin))["preview_translations"]

    # a new customer message not translated yet: listed, with no translation to show
    pending = await customer_writes(client, db, customer, "¿Y el número de seguimiento?", translate=False)
    assert pending["conversation_id"] == message["conversation_id"]
    last = (await inbox(client, admin))["preview_translations"][key]
    assert last["message_id"] == pending["id"] and last["translations"] == {}


async def test_previews_stay_inside_the_workspace(db: Database, demo: Demo) -> None:
    async with db.transaction() as conn:
        assert await translated_previews(conn, demo.agents["mei"].workspace_id, []) == {}
        assert await translated_previews(conn, demo.agents["mei"].workspace_id + 1000, [1, 2, 3]) == {}
