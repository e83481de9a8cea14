"""The knowledge base over HTTP against a real server: everyone reads and searches, admins and
supervisors edit, and bad requests get clear answers."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from babeldesk.db.engine import Database
from babeldesk.db.tables import audit_log, workspaces
from babeldesk.kb.demo import seed_demo_articles
from tests.conftest import Demo, login

MEI, DIEGO, LENA = "mei@demo-shop.example", "diego@demo-shop.example", "lena@demo-shop.example"
NEW = {
    "slug": "gift-wrap",
    "kind": "faq",
    "tags": ["gifts"],
    "language": "en",
    "title": "Do you offer gift wrapping?",
    "body": "Yes: tick *gift wrap* at checkout and we wrap your order in recycled paper for 3 EUR.",
}


@pytest.fixture
async def shop(db: Database, demo: Demo, client: httpx.AsyncClient) -> int:
    # Writes and searches embed text in the server; its first one loads the encoders (seconds).
    client.timeout = httpx.Timeout(60)
    async with db.transaction() as conn:
        workspace_id = int(await conn.scalar(select(workspaces.c.id).where(workspaces.c.slug == "demo-shop")))
        await seed_demo_articles(conn, workspace_id)
    return workspace_id


async def test_an_agent_reads_and_searches_but_cannot_edit(client: httpx.AsyncClient, shop: int) -> None:
    lena = await login(client, LENA)
    listed = (await client.get("/api/v1/kb/articles", headers=lena)).json()
    assert [a["slug"] for a in listed] == sorted(a["slug"] for a in listed)
    sizes = next(a for a in listed if a["slug"] == "size-guide")
    assert [(v["language"], v["origin"]) for v in sizes["versions"]] == [("en", "human"), ("es", "human")]

    found = await client.get(
        "/api/v1/kb/search", params={"q": "Posso pagar com PayPal?", "language": "pt"}, headers=lena
    )
    assert found.status_code == 200, found.text
    top = found.json()[0]
    assert (top["slug"], top["good_answer"]) == ("payment-methods", True)
    assert {v["language"] for v in top["versions"]} == {"en", "de"}

    # Without a language, the question's is detected.
    undetermined = await client.get(
        "/api/v1/kb/search", params={"q": "Posso devolver um produto?"}, headers=lena
    )
    assert undetermined.json()[0]["slug"] == "returns-policy"

    article = (await client.get(f"/api/v1/kb/articles/{sizes['id']}", headers=lena)).json()
    assert article["versions"][0]["body"].startswith("Our clothes follow European sizes.")
    for method, path, body in [
        ("POST", "/api/v1/kb/articles", NEW),
        ("PATCH", f"/api/v1/kb/articles/{sizes['id']}", {"tags": ["x"]}),
        ("PUT", f"/api/v1/kb/articles/{sizes['id']}/versions/de", {"title": "Größen", "body": "Europäisch."}),
        ("DELETE", f"/api/v1/kb/articles/{sizes['id']}/versions/es", None),
        ("DELETE", f"/api/v1/kb/articles/{sizes['id']}", None),
    ]:
        refused = await client.request(method, path, json=body, headers=lena)
        assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden"), path
    client.cookies.clear()  # signing in set the session cookie too
    assert (await client.get("/api/v1/kb/articles")).status_code == 401


async def test_a_supervisor_writes_an_article_and_its_versions(
    client: httpx.AsyncClient, shop: int, db: Database
) -> None:
    diego = await login(client, DIEGO)
    created = await client.post("/api/v1/kb/articles", json=NEW, headers=diego)
    assert created.status_code == 201, created.text
    article = created.json()
    assert (article["slug"], article["kind"], article["tags"]) == ("gift-wrap", "faq", ["gifts"])
    path = f"/api/v1/kb/articles/{article['id']}"

    spanish = {"title": "¿Envolvéis para regalo?", "body": "Sí: marca *envolver para regalo* al pagar."}
    written = await client.put(f"{path}/versions/es_ES", json=spanish, headers=diego)
    assert written.status_code == 200, written.text
    assert (written.json()["language"], written.json()["origin"]) == ("es-ES", "human")
    changed = await client.patch(
        path, json={"slug": "gift-wrapping", "tags": ["gifts", "extras"]}, headers=diego
    )
    assert (changed.json()["slug"], changed.json()["tags"]) == ("gift-wrapping", ["gifts", "extras"])

    found = await client.get(
        "/api/v1/kb/search", params={"q": "Geschenkverpackung?", "language": "de"}, headers=diego
    )
    assert found.json()[0]["slug"] == "gift-wrapping"
    assert (await client.delete(f"{path}/versions/es-ES", headers=diego)).status_code == 204
    only = await client.delete(f"{path}/versions/en", headers=diego)
    assert (only.status_code, only.json()["error"]["code"]) == (409, "conflict")
    assert (await client.delete(path, headers=await login(client, MEI))).status_code == 204
    assert (await client.get(path, headers=diego)).status_code == 404
    async with db.transaction() as conn:
        actions = list(await conn.scalars(select(audit_log.c.action).order_by(audit_log.c.id)))
    assert [a for a in actions if a.startswith("kb.")] == [
        "kb.article.create", "kb.version.write", "kb.article.update", "kb.version.delete", "kb.article.delete"
    ]  # fmt: skip


async def test_bad_requests_are_refused_with_what_is_wrong(client: httpx.AsyncClient, shop: int) -> None:
    mei = await login(client, MEI)
    taken = await client.post("/api/v1/kb/articles", json={**NEW, "slug": "returns-policy"}, headers=mei)
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "conflict")
    bad_slug = await client.post("/api/v1/kb/articles", json={**NEW, "slug": "Gift Wrap!"}, headers=mei)
    assert bad_slug.status_code == 422 and bad_slug.json()["error"]["detail"][0]["field"] == "slug"
    bad_language = await client.post("/api/v1/kb/articles", json={**NEW, "language": "english"}, headers=mei)
    assert bad_language.status_code == 422
    assert "not a language code" in bad_language.json()["error"]["detail"]
    huge = await client.post("/api/v1/kb/articles", json={**NEW, "body": "x" * 100_001}, headers=mei)
    assert huge.status_code == 422
    missing = await client.put(
        "/api/v1/kb/articles/999999/versions/en", json={"title": "t", "body": "b"}, headers=mei
    )
    assert missing.status_code == 404
    assert (await client.get("/api/v1/kb/search", params={"q": ""}, headers=mei)).status_code == 422


async def test_translating_without_an_engine_says_so(client: httpx.AsyncClient, shop: int) -> None:
    mei = await login(client, MEI)
    listed = (await client.get("/api/v1/kb/articles", headers=mei)).json()
    customs = next(a for a in listed if a["slug"] == "customs-and-duties")
    answer = await client.post(f"/api/v1/kb/articles/{customs['id']}/versions/ja/translate", headers=mei)
    assert answer.status_code == 409
    assert "no translation engine" in answer.json()["error"]["detail"]
