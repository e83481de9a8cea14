"""The JSON API through a real server process on a real PostgreSQL."""

from __future__ import annotations

import uuid

import httpx
import psycopg

from tests.conftest import Demo, login

MEI = "mei@demo-shop.example"
LENA = "lena@demo-shop.example"


async def widget_session(http: httpx.AsyncClient, database_url: str, **fields: str) -> dict[str, str]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT widget_key FROM workspaces WHERE slug = 'demo-shop'").fetchone()
    assert row is not None
    response = await http.post("/api/v1/widget/sessions", json={"widget_key": row[0], **fields})
    assert response.status_code == 201, response.text
    return {"authorization": f"Bearer {response.json()['token']}"}


async def test_sign_in_rejects_wrong_password_and_unknown_email(client: httpx.AsyncClient) -> None:
    wrong = await client.post("/api/v1/auth/login", json={"email": MEI, "password": "nope"})
    unknown = await client.post("/api/v1/auth/login", json={"email": "who@x.example", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert (
        wrong.json()
        == unknown.json()
        == {"error": {"code": "invalid_credentials", "detail": "wrong email or password"}}
    )


async def test_missing_or_wrong_token_is_401(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/v1/conversations")).status_code == 401
    bad = await client.get("/api/v1/conversations", headers={"authorization": "Bearer bds_forged"})
    assert bad.status_code == 401
    assert bad.json()["error"]["code"] == "unauthenticated"


async def test_session_cookie_authenticates_and_logout_ends_it(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/auth/login", json={"email": MEI, "password": "demo-password"})
    assert "babeldesk_session" in response.cookies
    assert (await client.get("/api/v1/me")).json()["email"] == MEI
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    client.cookies.clear()
    client.cookies.set("babeldesk_session", response.json()["token"])
    assert (await client.get("/api/v1/me")).status_code == 401


async def test_personal_api_token_lifecycle(client: httpx.AsyncClient) -> None:
    headers = await login(client, MEI)
    created = await client.post("/api/v1/tokens", json={"name": "shop sync"}, headers=headers)
    assert created.status_code == 201
    token = created.json()["token"]
    assert token.startswith("bdp_")
    api = {"authorization": f"Bearer {token}"}
    assert (await client.get("/api/v1/conversations", headers=api)).status_code == 200
    listed = (await client.get("/api/v1/tokens", headers=headers)).json()
    assert [t["name"] for t in listed] == ["shop sync"]
    assert "token" not in listed[0]
    assert listed[0]["last_used_at"] is not None
    assert (await client.delete(f"/api/v1/tokens/{created.json()['id']}", headers=headers)).status_code == 204
    assert (await client.get("/api/v1/conversations", headers=api)).status_code == 401


async def test_inbox_views_filters_and_paging(client: httpx.AsyncClient, demo: Demo) -> None:
    headers = await login(client, MEI)
    everything = (await client.get("/api/v1/conversations", headers=headers)).json()["conversations"]
    assert len(everything) == 8
    stamps = [c["last_message_at"] for c in everything]
    assert stamps == sorted(stamps, reverse=True)

    german = (await client.get("/api/v1/conversations?language=de", headers=headers)).json()
    assert [c["customer_name"] for c in german["conversations"]] == ["Jonas Becker"]
    resolved = (await client.get("/api/v1/conversations?status=resolved", headers=headers)).json()
    assert [c["language"] for c in resolved["conversations"]] == ["fr"]
    mine = (await client.get("/api/v1/conversations?view=mine", headers=headers)).json()["conversations"]
    assert {c["assignee_id"] for c in mine} == {demo.agents["mei"].id}
    unassigned = (await client.get("/api/v1/conversations?view=unassigned", headers=headers)).json()
    assert all(c["assignee_id"] is None for c in unassigned["conversations"])

    first = (await client.get("/api/v1/conversations?limit=3", headers=headers)).json()
    second = (
        await client.get(
            "/api/v1/conversations", params={"limit": 3, "before": first["next_before"]}, headers=headers
        )
    ).json()
    assert [c["id"] for c in first["conversations"] + second["conversations"]] == [
        c["id"] for c in everything[:6]
    ]


async def test_unknown_ids_are_404(client: httpx.AsyncClient) -> None:
    headers = await login(client, MEI)
    for path in (
        "/api/v1/conversations/9999",
        "/api/v1/conversations/9999/messages",
        "/api/v1/customers/9999",
    ):
        response = await client.get(path, headers=headers)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"
    reply = await client.post("/api/v1/conversations/9999/messages", json={"body": "hi"}, headers=headers)
    assert reply.status_code == 404
    assign = await client.patch("/api/v1/conversations/1", json={"assignee_id": 9999}, headers=headers)
    assert assign.status_code == 404
    assert assign.json()["error"]["detail"] == "agent 9999 not found"


async def test_reply_assigns_an_unassigned_conversation_and_clears_waiting(client: httpx.AsyncClient) -> None:
    headers = await login(client, LENA)
    jonas = (await client.get("/api/v1/conversations?language=de", headers=headers)).json()["conversations"][
        0
    ]
    assert jonas["assignee_id"] is None and jonas["waiting_since"] is not None
    sent = await client.post(
        f"/api/v1/conversations/{jonas['id']}/messages",
        json={"body": "Gern, ich storniere sie."},
        headers=headers,
    )
    assert sent.status_code == 201
    assert sent.json()["direction"] == "outbound"
    after = (await client.get(f"/api/v1/conversations/{jonas['id']}", headers=headers)).json()["conversation"]
    me = (await client.get("/api/v1/me", headers=headers)).json()
    assert after["assignee_id"] == me["id"]
    assert after["waiting_since"] is None
    assert after["last_message_preview"] == "Gern, ich storniere sie."


async def test_status_changes(client: httpx.AsyncClient) -> None:
    headers = await login(client, MEI)
    path = "/api/v1/conversations/1"
    resolved = await client.patch(path, json={"status": "resolved"}, headers=headers)
    assert resolved.status_code == 200
    assert resolved.json()["status"] == "resolved" and resolved.json()["resolved_at"] is not None
    again = await client.patch(path, json={"status": "resolved"}, headers=headers)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "invalid_transition"
    snooze = await client.patch(path, json={"status": "snoozed"}, headers=headers)
    assert snooze.status_code == 409
    reopened = (await client.patch(path, json={"status": "open"}, headers=headers)).json()
    assert reopened["status"] == "open" and reopened["resolved_at"] is None
    bad = await client.patch(path, json={"priority": "whenever"}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["error"]["detail"][0]["field"] == "priority"


async def test_message_length_limit_is_413_and_the_limit_itself_is_fine(client: httpx.AsyncClient) -> None:
    headers = await login(client, MEI)
    at_limit = await client.post(
        "/api/v1/conversations/1/messages", json={"body": "é" * 10_000}, headers=headers
    )
    assert at_limit.status_code == 201
    over = await client.post("/api/v1/conversations/1/messages", json={"body": "é" * 10_001}, headers=headers)
    assert over.status_code == 413
    assert over.json() == {
        "error": {"code": "message_too_long", "detail": "message is 10001 characters; the limit is 10000"}
    }
    huge = await client.post(
        "/api/v1/conversations/1/messages", content=b'{"body": "' + b"a" * 2_000_000 + b'"}', headers=headers
    )
    assert huge.status_code == 413
    assert huge.json()["error"]["code"] == "request_too_large"


async def test_malformed_requests_name_the_problem(client: httpx.AsyncClient) -> None:
    headers = {**await login(client, MEI), "content-type": "application/json"}
    syntax = await client.post("/api/v1/conversations/1/messages", content=b'{"body": ', headers=headers)
    assert syntax.status_code == 422
    missing = await client.post("/api/v1/conversations/1/messages", json={"text": "hi"}, headers=headers)
    problems = {p["field"]: p["problem"] for p in missing.json()["error"]["detail"]}
    assert problems == {"body": "Field required", "text": "Extra inputs are not permitted"}
    wrong_type = await client.post("/api/v1/conversations/1/messages", json={"body": 42}, headers=headers)
    assert wrong_type.json()["error"]["detail"][0]["field"] == "body"
    empty = await client.post("/api/v1/conversations/1/messages", json={"body": "  \n "}, headers=headers)
    assert empty.status_code == 422
    assert empty.json()["error"]["code"] == "message_empty"
    latin1 = await client.post(
        "/api/v1/conversations/1/messages", content='{"body": "caf\xe9"}'.encode("latin-1"), headers=headers
    )
    assert latin1.status_code == 400
    assert latin1.json() == {"error": {"code": "bad_request", "detail": "the body is not JSON in UTF-8"}}


async def test_markup_is_stored_verbatim(client: httpx.AsyncClient) -> None:
    headers = await login(client, MEI)
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    sent = (
        await client.post("/api/v1/conversations/1/messages", json={"body": payload}, headers=headers)
    ).json()
    thread = (await client.get("/api/v1/conversations/1/messages", headers=headers)).json()["messages"]
    assert thread[-1]["id"] == sent["id"] and thread[-1]["body"] == payload


async def test_widget_session_and_idempotent_messages(client: httpx.AsyncClient, database_url: str) -> None:
    customer = await widget_session(client, database_url, name="Ana", language="es")
    client_id = str(uuid.uuid4())
    first = await client.post(
        "/api/v1/widget/messages",
        json={"body": "¿Dónde está mi pedido?", "client_id": client_id},
        headers=customer,
    )
    retry = await client.post(
        "/api/v1/widget/messages",
        json={"body": "¿Dónde está mi pedido?", "client_id": client_id},
        headers=customer,
    )
    assert first.status_code == retry.status_code == 201
    assert first.json()["id"] == retry.json()["id"]
    page = (await client.get("/api/v1/widget/messages", headers=customer)).json()
    assert [m["body"] for m in page["messages"]] == ["¿Dónde está mi pedido?"]
    assert page["status"] == "open"

    agent = await login(client, MEI)
    inbox = (await client.get("/api/v1/conversations", headers=agent)).json()["conversations"]
    newest = inbox[0]
    assert newest["customer_name"] == "Ana" and newest["language"] == "es"
    await client.post(
        f"/api/v1/conversations/{newest['id']}/messages",
        json={"body": "note", "internal": True},
        headers=agent,
    )
    await client.post(
        f"/api/v1/conversations/{newest['id']}/messages", json={"body": "¡Hola Ana!"}, headers=agent
    )
    after = (await client.get(f"/api/v1/widget/messages?after={first.json()['id']}", headers=customer)).json()
    assert [m["body"] for m in after["messages"]] == ["¡Hola Ana!"], "internal notes never reach the customer"


async def test_customer_tokens_are_signed(client: httpx.AsyncClient, database_url: str) -> None:
    customer = await widget_session(client, database_url)
    token = customer["authorization"].removeprefix("Bearer ")
    body, _, sig = token.partition(".")
    forged = {"authorization": f"Bearer {body[:-2]}{'A' if body[-2] != 'A' else 'B'}{body[-1]}.{sig}"}
    assert (await client.get("/api/v1/widget/messages", headers=forged)).status_code == 401
    bad_key = await client.post("/api/v1/widget/sessions", json={"widget_key": "wk_nope"})
    assert bad_key.status_code == 404


async def test_agents_only_see_their_own_workspace(client: httpx.AsyncClient, database_url: str) -> None:
    with psycopg.connect(database_url) as conn:
        conn.execute("INSERT INTO workspaces (slug, name, widget_key) VALUES ('other', 'Other', 'wk_other')")
    other = await client.post("/api/v1/widget/sessions", json={"widget_key": "wk_other"})
    customer = {"authorization": f"Bearer {other.json()['token']}"}
    await client.post(
        "/api/v1/widget/messages", json={"body": "secret", "client_id": "c" * 10}, headers=customer
    )
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT id FROM conversations WHERE workspace_id <> 1").fetchone()
    assert row is not None
    headers = await login(client, MEI)
    assert (await client.get(f"/api/v1/conversations/{row[0]}", headers=headers)).status_code == 404
    listed = (await client.get("/api/v1/conversations", headers=headers)).json()["conversations"]
    assert row[0] not in {c["id"] for c in listed}


async def test_webhooks_are_for_admins(client: httpx.AsyncClient) -> None:
    agent = await login(client, LENA)
    assert (await client.get("/api/v1/webhooks", headers=agent)).status_code == 403
    admin = await login(client, MEI)
    unknown = await client.post(
        "/api/v1/webhooks", json={"url": "http://127.0.0.1:9/hook", "events": ["nope"]}, headers=admin
    )
    assert unknown.status_code == 422
    created = await client.post(
        "/api/v1/webhooks",
        json={"url": "http://127.0.0.1:9/hook", "events": ["message.created"]},
        headers=admin,
    )
    assert created.status_code == 201 and created.json()["secret"].startswith("whsec_")
    listed = (await client.get("/api/v1/webhooks", headers=admin)).json()
    assert listed[0]["secret"] is None


async def test_openapi_documents_the_api(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/api/v1/openapi.json")).json()
    for path in (
        "/api/v1/conversations",
        "/api/v1/conversations/{conversation_id}/messages",
        "/api/v1/widget/messages",
    ):
        assert path in spec["paths"]
    assert (await client.get("/docs")).status_code == 200


async def test_changes_are_audited_for_supervisors(client: httpx.AsyncClient, demo: Demo) -> None:
    admin = await login(client, MEI)
    await client.patch(
        "/api/v1/conversations/2", json={"status": "resolved", "priority": "high"}, headers=admin
    )
    await client.post("/api/v1/tokens", json={"name": "erp"}, headers=admin)
    entries = (await client.get("/api/v1/audit", headers=admin)).json()
    assert [e["action"] for e in entries[:3]] == ["token.create", "conversation.update", "agent.sign_in"]
    update = entries[1]
    assert update["actor_agent_id"] == demo.agents["mei"].id
    assert (update["target_type"], update["target_id"]) == ("conversation", 2)
    assert update["data"] == {"status": "resolved", "priority": "high"}
    agent = await login(client, LENA)
    assert (await client.get("/api/v1/audit", headers=agent)).status_code == 403


async def test_a_write_is_committed_before_its_response(client: httpx.AsyncClient, database_url: str) -> None:
    """A client acting on a response at once must see the write (no commit-after-send race)."""
    for n in range(200):
        customer = await widget_session(client, database_url)
        sent = await client.post(
            "/api/v1/widget/messages", json={"body": "quick", "client_id": f"race-{n:05d}"}, headers=customer
        )
        assert sent.status_code == 201, sent.text
