"""The understand stage through a real worker: language detected, translations for the agents,
and a message that no engine could translate is translated later, when one comes back."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

from babeldesk.helpdesk.understanding import reader_targets
from tests.conftest import ServerProcess
from tests.jobs.test_worker import start_worker, stop, wait_for
from tests.language.fake_providers import FakeOpenAI, closed_port_url, port_of
from tests.web.test_api import widget_session

SPANISH = "Hola, mi pedido #1001 todavía no ha llegado y necesito saber dónde está el paquete."


def configure_engine(database_url: str, url: str) -> None:
    settings = {
        "translation": {"engines": [{"kind": "openai", "url": url, "model": "fake-mt", "timeout_s": 2}]}
    }
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE workspaces SET settings = %s", (json.dumps(settings),))


def message_row(database_url: str, body: str) -> dict[str, Any]:
    with psycopg.connect(database_url) as conn:
        cur = conn.execute(
            "SELECT m.language, m.translation_state, m.translations, c.language AS conversation_language"
            " FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.body = %s",
            (body,),
        )
        row = cur.fetchone()
        assert row is not None
        return dict(zip([d.name for d in cur.description or ()], row, strict=True))


async def customer_says(client: httpx.AsyncClient, database_url: str, body: str) -> None:
    customer = await widget_session(client, database_url, name="Ana")
    sent = await client.post(
        "/api/v1/widget/messages", json={"body": body, "client_id": str(uuid.uuid4())}, headers=customer
    )
    assert sent.status_code == 201


def test_each_agent_gets_a_language_they_read() -> None:
    mei = [{"code": "en"}, {"code": "zh"}]
    diego = [{"code": "en"}, {"code": "es"}]
    lena = [{"code": "de"}, {"code": "fr"}]
    assert reader_targets("es", [mei, diego, lena]) == ("en", "de")
    assert reader_targets("pt-BR", [[{"code": "pt"}]]) == ()
    assert reader_targets("und", [mei]) == ()
    assert reader_targets("ja", [[{"code": "ja", "read": False}, {"code": "en"}]]) == ("en",)


async def test_without_an_engine_the_language_is_detected_and_the_console_is_told(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, tmp_root: Path
) -> None:
    await customer_says(client, database_url, SPANISH)
    worker = start_worker(database_url, tmp_root / "worker-no-engine")
    try:
        wait_for(
            lambda: message_row(database_url, SPANISH)["translation_state"] == "no_engine", 30, "detection"
        )
    finally:
        stop(worker)
    row = message_row(database_url, SPANISH)
    assert (row["language"], row["conversation_language"], row["translations"]) == ("es", "es", {})


async def test_translations_arrive_when_an_engine_comes_back(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, tmp_root: Path
) -> None:
    down = closed_port_url()
    configure_engine(database_url, down)
    await customer_says(client, database_url, SPANISH)
    worker = start_worker(database_url, tmp_root / "worker-engine")
    engine = FakeOpenAI()
    try:
        wait_for(
            lambda: message_row(database_url, SPANISH)["translation_state"] == "not_translated", 30, "failure"
        )
        engine.start(port=port_of(down))
        wait_for(lambda: message_row(database_url, SPANISH)["translation_state"] == "translated", 60, "retry")
    finally:
        stop(worker)
        engine.stop()
    translations = message_row(database_url, SPANISH)["translations"]
    assert set(translations) == {"en", "de"}
    for translated in translations.values():
        assert "#1001" in translated["text"], "protected spans survive"
        assert translated["text"] != SPANISH
        assert translated["engine"] == "openai:fake-mt"


async def test_a_short_message_is_read_in_the_conversations_language(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, tmp_root: Path
) -> None:
    customer = await widget_session(client, database_url, name="Sanne")
    dutch = "Hallo, mijn bestelling is nog steeds niet aangekomen. Kunt u voor mij kijken waar hij is?"
    worker = start_worker(database_url, tmp_root / "worker-context")
    try:
        for body in (dutch, "Ja", "ok"):
            sent = await client.post(
                "/api/v1/widget/messages",
                json={"body": body, "client_id": str(uuid.uuid4())},
                headers=customer,
            )
            assert sent.status_code == 201
            # one at a time, so each is read after the one before it has set the conversation's language
            wait_for(lambda b=body: message_row(database_url, b)["language"] is not None, 30, "detection")
    finally:
        stop(worker)
    assert message_row(database_url, dutch)["conversation_language"] == "nl"
    # alone "Ja" would be German and "ok" undetermined
    assert message_row(database_url, "Ja")["language"] == "nl"
    assert message_row(database_url, "ok")["language"] == "nl"
