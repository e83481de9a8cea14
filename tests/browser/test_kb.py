"""The knowledge base page in a real Chromium: a supervisor finds an article by asking in another
language, edits it and writes a Spanish version; an agent reads the same page but cannot change it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from playwright.async_api import BrowserContext, expect
from sqlalchemy import select

from babeldesk.db.engine import Database
from babeldesk.db.tables import workspaces
from babeldesk.kb.demo import seed_demo_articles
from tests.browser.test_console import Console
from tests.browser.test_translation import Watched
from tests.conftest import Demo, ServerProcess, login

DIEGO, LENA = "diego@demo-shop.example", "lena@demo-shop.example"
SLOW_MS = 30_000  # a save embeds the text in the server, which is slow on a busy machine


@pytest.fixture
async def watched() -> AsyncIterator[Watched]:
    """Script errors and CSP violations on the pages fail the test."""
    pages = Watched()
    yield pages
    assert pages.errors == []


@pytest.fixture
async def articles(db: Database, demo: Demo) -> None:
    async with db.transaction() as conn:
        workspace_id = await conn.scalar(select(workspaces.c.id).where(workspaces.c.slug == "demo-shop"))
        await seed_demo_articles(conn, int(workspace_id))


async def open_kb(context: BrowserContext, server: ServerProcess, watched: Watched, email: str) -> Console:
    ui = Console(watched.watch(await context.new_page()), server.url)
    await ui.signed_in(email)
    await ui.page.get_by_test_id("kb-open").click()
    await expect(ui.page).to_have_url(re.compile("/console/kb$"))
    await expect(ui.page.get_by_test_id("kb-article")).to_have_count(6)
    return ui


async def test_a_supervisor_finds_edits_and_translates_an_article_by_hand(
    client: httpx.AsyncClient,
    context: BrowserContext,
    server: ServerProcess,
    articles: None,
    watched: Watched,
) -> None:
    diego = await open_kb(context, server, watched, DIEGO)
    page = diego.page
    await page.get_by_test_id("kb-search-input").fill("Posso pagar com PayPal?")
    await page.get_by_test_id("kb-search-language").fill("pt")
    await page.get_by_test_id("kb-search-input").press("Enter")
    top = page.get_by_test_id("kb-article").first
    await expect(top).to_have_attribute("data-slug", "payment-methods", timeout=SLOW_MS)
    await expect(top.get_by_test_id("kb-score")).to_have_class(re.compile(r"\bgood\b"))

    await top.click()
    await expect(page).to_have_url(re.compile(r"/console/kb/\d+$"))
    editor = page.get_by_test_id("kb-editor")
    await expect(editor.get_by_test_id("kb-editor-title")).to_have_text("payment-methods")
    await expect(editor.get_by_test_id("kb-version-tab")).to_have_count(2)  # de, en
    await editor.get_by_test_id("kb-version-tab").filter(has_text="English").click()
    body = editor.get_by_test_id("kb-version-body").last
    await expect(body).to_have_value(re.compile("^We accept Visa"))
    await body.fill("We accept Visa, Mastercard, PayPal and Klarna. Cards are charged when the order ships.")
    await editor.get_by_test_id("kb-save-version").click()
    await expect(editor.get_by_test_id("kb-message")).to_have_text(
        "The English version is saved.", timeout=SLOW_MS
    )

    await editor.get_by_test_id("kb-add-language").fill("xx-!")
    await editor.get_by_test_id("kb-add-language-submit").click()
    await expect(editor.get_by_test_id("kb-message")).to_contain_text("a code such as es")
    await editor.get_by_test_id("kb-add-language").fill("es")
    await editor.get_by_test_id("kb-add-language-submit").click()
    await expect(editor.get_by_test_id("kb-version-origin")).to_contain_text("A new Spanish version")
    await editor.get_by_test_id("kb-version-title").last.fill("¿Qué formas de pago aceptáis?")
    await editor.get_by_test_id("kb-version-body").last.fill("Aceptamos Visa, Mastercard, PayPal y Klarna.")
    await editor.get_by_test_id("kb-save-version").click()
    await expect(editor.get_by_test_id("kb-message")).to_have_text(
        "The Spanish version is saved.", timeout=SLOW_MS
    )
    await expect(editor.get_by_test_id("kb-version-tab")).to_have_count(3)
    row = page.locator('[data-testid="kb-article"][data-slug="payment-methods"]')
    await expect(row.locator(".badge-lang")).to_have_text(["de", "en", "es"])

    await editor.get_by_test_id("kb-tags").fill("payment, klarna")
    await editor.get_by_test_id("kb-save-article").click()
    await expect(editor.get_by_test_id("kb-message")).to_have_text("Article saved.")

    auth = await login(client, DIEGO)
    listed = (await client.get("/api/v1/kb/articles", headers=auth)).json()
    payment = next(a for a in listed if a["slug"] == "payment-methods")
    assert payment["tags"] == ["payment", "klarna"]
    detail = (await client.get(f"/api/v1/kb/articles/{payment['id']}", headers=auth)).json()
    versions = {v["language"]: v for v in detail["versions"]}
    assert versions["en"]["body"].startswith("We accept Visa, Mastercard, PayPal and Klarna.")
    assert (versions["es"]["title"], versions["es"]["origin"]) == ("¿Qué formas de pago aceptáis?", "human")

    await page.get_by_test_id("kb-close").click()
    await expect(page).to_have_url(re.compile("/console/$"))
    await expect(page.get_by_test_id("kb")).to_be_hidden()
    await expect(page.get_by_test_id("inbox-list")).to_be_visible()


async def test_an_agent_reads_the_knowledge_base_but_cannot_change_it(
    context: BrowserContext, server: ServerProcess, articles: None, watched: Watched
) -> None:
    lena = await open_kb(context, server, watched, LENA)
    page = lena.page
    await expect(page.get_by_test_id("kb-new")).to_be_hidden()
    await page.locator('[data-testid="kb-article"][data-slug="shipping-times"]').click()
    editor = page.get_by_test_id("kb-editor")
    await expect(editor.get_by_test_id("kb-read-only")).to_be_visible()
    # Lena reads German: the German version opens first.
    await expect(editor.get_by_test_id("kb-version-title")).to_have_value("Wie lange dauert der Versand?")
    await expect(editor.get_by_test_id("kb-version-body")).to_be_disabled()
    await expect(editor.get_by_test_id("kb-save-version")).to_have_count(0)
    await page.go_back()
    await expect(editor).to_be_hidden()
