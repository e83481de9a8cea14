"""The understand stage through a real worker and the real understanding model: an angry customer's
conversation becomes urgent with an alert even where the bot is turned off, and the bot, on, answers."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg

from tests.bot.test_service import rows
from tests.conftest import ServerProcess
from tests.jobs.test_worker import start_worker, stop, wait_for
from tests.web.test_api import widget_session

ANGRY = (
    "ESTO ES UNA VERGÜENZA!!! Llevo tres semanas esperando y nadie me contesta. "
    "¡Estoy harta, quiero mi dinero YA!"
)
HELLO = "Hola, buenos días"


def set_bot(database_url: str, settings: dict[str, Any]) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE workspaces SET settings = %s", (json.dumps({"bot": settings}),))


async def customer_says(client: httpx.AsyncClient, database_url: str, body: str) -> None:
    customer = await widget_session(client, database_url, name="Marta", language="es")
    sent = await client.post(
        "/api/v1/widget/messages", json={"body": body, "client_id": str(uuid.uuid4())}, headers=customer
    )
    assert sent.status_code == 201, sent.text


def conversation_of(database_url: str, body: str) -> dict[str, Any]:
    found = rows(
        database_url,
        "SELECT c.id, c.priority, c.alert, c.handled_by, m.intent, m.sentiment, m.angry"
        " FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.body = %s",
        body,
    )
    assert len(found) == 1
    return found[0]


async def test_an_angry_message_is_understood_and_raised_without_the_bot(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, tmp_root: Path
) -> None:
    set_bot(database_url, {"enabled": False})
    await customer_says(client, database_url, ANGRY)
    worker = start_worker(database_url, tmp_root / "worker-angry")
    try:
        wait_for(lambda: conversation_of(database_url, ANGRY)["intent"] is not None, 90, "understanding")
    finally:
        stop(worker)
    found = conversation_of(database_url, ANGRY)
    assert (found["sentiment"], found["angry"]) == ("negative", True)
    assert (found["priority"], found["alert"]) == ("urgent", "angry")
    thread = rows(database_url, "SELECT author_type FROM messages WHERE conversation_id = %s", found["id"])
    assert [m["author_type"] for m in thread] == ["customer"], "the bot is off"


async def test_with_the_bot_on_a_greeting_is_answered_by_the_bot(
    client: httpx.AsyncClient, server: ServerProcess, database_url: str, tmp_root: Path
) -> None:
    await customer_says(client, database_url, HELLO)
    worker = start_worker(database_url, tmp_root / "worker-hello")
    conversation_id = 0

    def answered() -> bool:
        nonlocal conversation_id
        conversation_id = conversation_of(database_url, HELLO)["id"]
        sql = "SELECT 1 FROM messages WHERE conversation_id = %s AND author_type = 'bot'"
        return bool(rows(database_url, sql, conversation_id))

    try:
        wait_for(answered, 90, "the bot's answer")
    finally:
        stop(worker)
    found = conversation_of(database_url, HELLO)
    assert (found["priority"], found["alert"], found["handled_by"]) == ("normal", None, "bot")
    reply = rows(
        database_url,
        "SELECT direction, language FROM messages WHERE conversation_id = %s AND author_type = 'bot'",
        conversation_id,
    )
    assert reply[0] == {"direction": "outbound", "language": "es"}
