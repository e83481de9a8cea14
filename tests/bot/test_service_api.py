"""The bot's API through a real server: settings (admins change them), working hours, handing a
conversation back to the bot and clearing an alert."""

from __future__ import annotations

import json
from typing import Any

import httpx
import psycopg

from tests.conftest import Demo, login

MEI = "mei@demo-shop.example"  # admin
DIEGO = "diego@demo-shop.example"  # supervisor
LENA = "lena@demo-shop.example"  # agent
POLICY: dict[str, Any] = {"currency": "EUR"}
SHOWN_POLICY: dict[str, Any] = {
    "return_window_days": 14,
    "changed_mind_return_paid_by": "seller",
    "ship_within_days": 3,
}
SETTINGS: dict[str, Any] = {
    "enabled": True,
    "hand_off_on_anger": False,
    "confidence_threshold": 0.7,
    "typical_wait_minutes": 45,
    "policy": SHOWN_POLICY,
}


def workspace_settings(database_url: str) -> dict[str, Any]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT settings FROM workspaces").fetchone()
    assert row is not None
    return dict(row[0])


async def test_admins_change_the_bot_settings_and_others_only_read_them(
    client: httpx.AsyncClient, database_url: str
) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "UPDATE workspaces SET settings = %s",
            (json.dumps({"bot": {"llm": {"url": "http://127.0.0.1:9/v1", "model": "m"}, "policy": POLICY}}),),
        )
    lena, mei = await login(client, LENA), await login(client, MEI)
    shown = await client.get("/api/v1/bot/settings", headers=lena)
    assert shown.status_code == 200
    assert shown.json()["enabled"] is True and shown.json()["policy"]["return_window_days"] == 30
    refused = await client.put("/api/v1/bot/settings", json=SETTINGS, headers=lena)
    assert refused.status_code == 403
    saved = await client.put("/api/v1/bot/settings", json=SETTINGS, headers=mei)
    assert saved.status_code == 200, saved.text
    assert saved.json() == SETTINGS
    stored = workspace_settings(database_url)["bot"]
    assert stored["llm"]["model"] == "m", "keys the panel does not show are kept"
    assert stored["policy"] == {**SHOWN_POLICY, **POLICY}
    assert (await client.get("/api/v1/bot/settings", headers=lena)).json() == SETTINGS


async def test_bad_bot_settings_are_refused_and_nothing_changes(
    client: httpx.AsyncClient, database_url: str, demo: Demo
) -> None:
    mei = await login(client, MEI)
    before = workspace_settings(database_url)
    for bad in (
        {**SETTINGS, "confidence_threshold": 2},
        {**SETTINGS, "policy": {**SHOWN_POLICY, "changed_mind_return_paid_by": "nobody"}},
        {**SETTINGS, "policy": {**SHOWN_POLICY, "return_window_days": -1}},
    ):
        response = await client.put("/api/v1/bot/settings", json=bad, headers=mei)
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "invalid_request"
    assert workspace_settings(database_url) == before


async def test_agents_set_their_hours_and_supervisors_anyones(
    client: httpx.AsyncClient, database_url: str, demo: Demo
) -> None:
    lena_id, mei_id = demo.agents["lena"].id, demo.agents["mei"].id
    lena, diego = await login(client, LENA), await login(client, DIEGO)
    week = {"timezone": "Europe/Lisbon", "week": {"mon": ["22:00-06:00"], "sat": ["10:00-14:00"]}}
    own = await client.put(f"/api/v1/agents/{lena_id}/hours", json=week, headers=lena)
    assert own.status_code == 200, own.text
    assert (await client.get(f"/api/v1/agents/{lena_id}/hours", headers=diego)).json() == week
    other = await client.put(f"/api/v1/agents/{mei_id}/hours", json=week, headers=lena)
    assert other.status_code == 403
    assert (await client.put(f"/api/v1/agents/{mei_id}/hours", json=week, headers=diego)).status_code == 200
    bad_range = {"timezone": "Europe/Lisbon", "week": {"mon": ["9 to 5"]}}
    refused = await client.put(f"/api/v1/agents/{lena_id}/hours", json=bad_range, headers=lena)
    assert refused.status_code == 422 and "not a range" in refused.json()["error"]["detail"]
    bad_zone = {"timezone": "Europe/Atlantis", "week": {}}
    refused = await client.put(f"/api/v1/agents/{lena_id}/hours", json=bad_zone, headers=lena)
    assert refused.status_code == 422 and "unknown timezone" in refused.json()["error"]["detail"]
    assert (await client.get("/api/v1/agents/999999/hours", headers=diego)).status_code == 404
    assert (await client.get(f"/api/v1/agents/{lena_id}/hours", headers=diego)).json() == week, "unchanged"


async def test_business_hours_per_region(client: httpx.AsyncClient, database_url: str, demo: Demo) -> None:
    week = {"timezone": "Europe/Madrid", "week": {"mon": ["09:00-18:00"]}}
    lena, mei = await login(client, LENA), await login(client, MEI)
    assert (
        await client.put("/api/v1/workspace/business-hours/eu", json=week, headers=lena)
    ).status_code == 403
    saved = await client.put("/api/v1/workspace/business-hours/eu", json=week, headers=mei)
    assert saved.status_code == 200, saved.text
    assert workspace_settings(database_url)["business_hours"] == {"eu": week}


async def test_a_conversation_goes_back_to_the_bot_and_an_alert_is_cleared(
    client: httpx.AsyncClient, database_url: str, demo: Demo
) -> None:
    diego = await login(client, DIEGO)
    page = (await client.get("/api/v1/conversations?language=es", headers=diego)).json()
    conversation = page["conversations"][0]
    assert (conversation["handled_by"], conversation["alert"]) == ("human", None)
    with psycopg.connect(database_url) as conn:
        conn.execute("UPDATE conversations SET alert = 'angry' WHERE id = %s", (conversation["id"],))
    cleared = await client.delete(f"/api/v1/conversations/{conversation['id']}/alert", headers=diego)
    assert cleared.status_code == 200 and cleared.json()["alert"] is None
    again = await client.delete(f"/api/v1/conversations/{conversation['id']}/alert", headers=diego)
    assert again.status_code == 409
    back = await client.post(f"/api/v1/conversations/{conversation['id']}/hand-back", headers=diego)
    assert back.status_code == 200, back.text
    assert (back.json()["handled_by"], back.json()["assignee_id"]) == ("bot", None)
    twice = await client.post(f"/api/v1/conversations/{conversation['id']}/hand-back", headers=diego)
    assert twice.status_code == 409
    assert (await client.post("/api/v1/conversations/999999/hand-back", headers=diego)).status_code == 404
    with psycopg.connect(database_url) as conn:
        actions = conn.execute(
            "SELECT action FROM audit_log WHERE target_id = %s ORDER BY id", (conversation["id"],)
        )
        assert [a[0] for a in actions] == ["conversation.clear_alert", "conversation.hand_back"]
