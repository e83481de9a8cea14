"""Translation in the API: settings, glossary, and an agent's reply checked before it is sent."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import psycopg
import pytest

from babeldesk.helpdesk.auth import CustomerClaims, sign_customer_token
from tests.conftest import SECRET_KEY, Demo, login
from tests.language.fake_providers import FakeOpenAI, fake_translate, running
from tests.web.test_api import LENA, MEI

REPLY = "Your order #1001 was shipped yesterday with tracking 1Z999AA10123456784."


@pytest.fixture
def engine() -> Iterator[FakeOpenAI]:
    with running(FakeOpenAI()) as fake:
        yield fake


def engines_for(engine: FakeOpenAI) -> dict[str, object]:
    return {
        "engines": [{"kind": "openai", "url": engine.url, "model": "fake-mt"}],
        "mark_machine_translated": True,
    }


async def test_only_admins_configure_engines_and_bad_settings_are_refused(
    client: httpx.AsyncClient, engine: FakeOpenAI
) -> None:
    admin, agent = await login(client, MEI), await login(client, LENA)
    before = (await client.get("/api/v1/workspace", headers=agent)).json()["translation"]
    assert before == {"configured": False, "engines": [], "mark_machine_translated": True, "error": None}
    assert (await client.put("/api/v1/workspace/translation", json={}, headers=agent)).status_code == 403
    bad = await client.put(
        "/api/v1/workspace/translation", json={"engines": [{"kind": "babelfish"}]}, headers=admin
    )
    assert bad.status_code == 422
    good = await client.put("/api/v1/workspace/translation", json=engines_for(engine), headers=admin)
    assert good.json()["engines"] == [
        {
            "name": "openai:fake-mt",
            "kind": "openai",
            "settings": {"url": engine.url, "model": "fake-mt", "timeout_s": 3.0},
            "has_api_key": False,
        }
    ]
    after = (await client.get("/api/v1/workspace", headers=agent)).json()["translation"]
    assert after["configured"] is True


async def test_a_reply_is_previewed_with_its_back_translation_then_sent_translated(
    client: httpx.AsyncClient, engine: FakeOpenAI, database_url: str, demo: Demo
) -> None:
    admin = await login(client, MEI)
    no_engine = await client.post(
        "/api/v1/conversations/1/reply-preview", json={"body": REPLY}, headers=admin
    )
    assert no_engine.json()["status"] == "no_engine"

    await client.put("/api/v1/workspace/translation", json=engines_for(engine), headers=admin)
    preview = (
        await client.post("/api/v1/conversations/1/reply-preview", json={"body": REPLY}, headers=admin)
    ).json()
    assert (preview["status"], preview["source_language"], preview["target_language"]) == (
        "translated",
        "en",
        "es",
    )
    assert preview["translation"] == fake_translate(REPLY, "es")
    assert "#1001" in preview["translation"] and "1Z999AA10123456784" in preview["translation"]
    assert preview["back_translation"] and preview["back_translation"] != preview["translation"]

    sent = await client.post(
        "/api/v1/conversations/1/messages",
        json={
            "body": REPLY,
            "translation": {"text": preview["translation"], "language": "es", "source_language": "en"},
        },
        headers=admin,
    )
    assert sent.status_code == 201
    stored = sent.json()
    assert (stored["body"], stored["original_body"], stored["machine_translated"]) == (
        preview["translation"],
        REPLY,
        True,
    )
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT customer_id FROM conversations WHERE id = 1").fetchone()
    assert row is not None
    token = sign_customer_token(SECRET_KEY, CustomerClaims(1, row[0], "default"))
    seen = await client.get("/api/v1/widget/messages", headers={"authorization": f"Bearer {token}"})
    last = seen.json()["messages"][-1]
    assert (last["body"], last["machine_translated"]) == (preview["translation"], True)
    assert "original_body" not in last, "the agent's own words stay in the console"


async def test_same_language_needs_no_translation(client: httpx.AsyncClient, engine: FakeOpenAI) -> None:
    admin = await login(client, MEI)
    await client.put("/api/v1/workspace/translation", json=engines_for(engine), headers=admin)
    inbox = (await client.get("/api/v1/conversations?language=en", headers=admin)).json()["conversations"]
    preview = await client.post(
        f"/api/v1/conversations/{inbox[0]['id']}/reply-preview", json={"body": REPLY}, headers=admin
    )
    assert preview.json()["status"] == "not_needed"
    assert engine.requests == []


async def test_glossary_terms(client: httpx.AsyncClient) -> None:
    admin, agent = await login(client, MEI), await login(client, LENA)
    keep = await client.post(
        "/api/v1/glossary", json={"term": "FBA", "kind": "never_translate"}, headers=admin
    )
    assert keep.status_code == 201
    fixed = {"term": "refund", "kind": "fixed", "language": "es", "translation": "reembolso"}
    assert (await client.post("/api/v1/glossary", json=fixed, headers=admin)).status_code == 201
    half = {"term": "refund", "kind": "fixed"}
    assert (await client.post("/api/v1/glossary", json=half, headers=admin)).status_code == 422
    assert (await client.post("/api/v1/glossary", json=fixed, headers=agent)).status_code == 403
    terms = (await client.get("/api/v1/glossary", headers=agent)).json()
    assert [(t["term"], t["kind"], t["translation"]) for t in terms] == [
        ("FBA", "never_translate", None),
        ("refund", "fixed", "reembolso"),
    ]
    gone = await client.delete(
        "/api/v1/glossary", params={"term": "FBA", "kind": "never_translate"}, headers=admin
    )
    assert gone.status_code == 204
    again = await client.delete(
        "/api/v1/glossary", params={"term": "FBA", "kind": "never_translate"}, headers=admin
    )
    assert again.status_code == 404


async def test_saved_keys_stay_on_the_server_and_are_kept_when_not_resent(
    client: httpx.AsyncClient, database_url: str
) -> None:
    admin = await login(client, MEI)
    deepl = {"kind": "deepl", "api_key": "secret-key:fx"}
    await client.put("/api/v1/workspace/translation", json={"engines": [deepl]}, headers=admin)
    shown = (await client.get("/api/v1/workspace", headers=admin)).text
    assert "secret-key" not in shown
    again = await client.put(
        "/api/v1/workspace/translation",
        json={"engines": [{"kind": "deepl"}], "mark_machine_translated": False},
        headers=admin,
    )
    assert again.status_code == 200, again.text
    assert again.json()["engines"][0]["has_api_key"] is True
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT settings FROM workspaces WHERE id = 1").fetchone()
    assert row is not None
    assert row[0]["translation"]["engines"][0]["api_key"] == "secret-key:fx"
