"""Language in a real browser: a Spanish customer on the demo shop's widget, Mei (who reads English
and Chinese) in the console, and the worker detecting and translating in its own process.

Without an engine, Mei reads the Spanish as written and is told why. With one (a local
OpenAI-compatible server), she reads English, replies in English, checks the back-translation, and
the customer receives Spanish marked as machine translated.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Error, FrameLocator, Page, expect

from tests.browser.test_console import Console
from tests.browser.test_widget import bubble, conversation_with, eventually, open_widget, thread, write
from tests.conftest import Demo, ServerProcess, login
from tests.jobs.test_worker import start_worker, stop
from tests.language.fake_providers import FakeOpenAI, Reply, Request, running

MEI = "mei@demo-shop.example"
LENA = "lena@demo-shop.example"
DIEGO = "diego@demo-shop.example"
# Long enough for the worker to adopt Spanish as the conversation's language from this one message.
SPANISH = "Hola, ¿dónde está mi pedido? Lo compré hace una semana y todavía no ha llegado."
ENGLISH = "Hello, where is my order? I bought it a week ago and it still hasn't arrived."
# Spanish, then English: one message in two languages.
MIXED = "Necesito ayuda con mi pedido. I ordered the blue jacket last week and it never arrived."
REPLY = "Sorry for the wait! Your parcel left our warehouse this morning."
REPLY_ES = "¡Perdone la espera! Su paquete salió de nuestro almacén esta mañana."
REPLY_BACK = "Sorry for the wait! Your package left our warehouse this morning."
# The worker retries an untranslated message with a growing pause.
RETRY_MS = 40_000


class Interpreter(FakeOpenAI):
    """The test's translation engine, with fixed, realistic answers. ``down`` makes it answer 503;
    a text in ``held`` is answered only once ``release`` is set (or the engine stops)."""

    def __init__(self) -> None:
        super().__init__()
        self.answers.update({SPANISH: ENGLISH, REPLY: REPLY_ES, REPLY_ES: REPLY_BACK})
        self.down = False
        self.held: set[str] = set()

    def handle(self, request: Request) -> Reply:
        body = request.body if isinstance(request.body, dict) else {}
        if body.get("messages", [{}])[-1].get("content") in self.held:
            self.release.wait(30)
        if self.down:
            return Reply(503, {"error": {"message": "The server is overloaded", "type": "server_error"}})
        return super().handle(request)


@pytest.fixture
def engine() -> Iterator[Interpreter]:
    with running(Interpreter()) as fake:
        yield fake


@pytest.fixture
def worker(
    server: ServerProcess, demo: Demo, database_url: str, tmp_root: Path
) -> Iterator[subprocess.Popen[bytes]]:
    process = start_worker(database_url, tmp_root / f"worker-{uuid.uuid4().hex[:8]}")
    yield process
    stop(process)


async def use_engine(http: httpx.AsyncClient, engine: Interpreter, timeout_s: float = 3) -> None:
    settings = {
        "engines": [
            {"kind": "openai", "url": f"{engine.url}/v1", "model": engine.model, "timeout_s": timeout_s}
        ],
        "mark_machine_translated": True,
    }
    response = await http.put("/api/v1/workspace/translation", json=settings, headers=await login(http, MEI))
    assert response.status_code == 200, response.text


class Watched:
    """Pages whose script errors and CSP violations fail the test."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def watch(self, page: Page) -> Page:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error" and "Failed to load resource" not in message.text:
                self.errors.append(f"{page.url}: {message.text}")

        page.on("console", on_console)

        def on_page_error(error: Error) -> None:
            self.errors.append(f"{page.url}: {error}")

        page.on("pageerror", on_page_error)
        return page


@pytest.fixture
async def watched() -> AsyncIterator[Watched]:
    pages = Watched()
    yield pages
    assert pages.errors == []


@pytest.fixture
async def customer(
    browser: Browser, server: ServerProcess, demo: Demo, watched: Watched
) -> AsyncIterator[FrameLocator]:
    """The demo shop's chat, opened by a customer whose browser speaks Spanish."""
    context = await browser.new_context(locale="es-ES", viewport={"width": 1100, "height": 800})
    page = watched.watch(await context.new_page())
    await page.goto(f"{server.url}/demo/shop")
    yield await open_widget(page)
    await context.close()


async def console_for(
    context: BrowserContext, server: ServerProcess, watched: Watched, email: str
) -> Console:
    ui = Console(watched.watch(await context.new_page()), server.url)
    await ui.signed_in(email)
    return ui


async def spanish_conversation(client: httpx.AsyncClient, customer: FrameLocator) -> int:
    # Agents and customers talk here: the bot would answer the customer first.
    admin = await login(client, MEI)
    settings = (await client.get("/api/v1/bot/settings", headers=admin)).json()
    turned_off = await client.put("/api/v1/bot/settings", json={**settings, "enabled": False}, headers=admin)
    assert turned_off.is_success
    await write(customer, SPANISH)
    await expect(bubble(customer, SPANISH)).to_have_attribute("data-state", "sent")
    found = await conversation_with(client, await login(client, MEI), SPANISH)
    return int(found["id"])


async def settled(client: httpx.AsyncClient, conversation_id: int) -> dict[str, Any] | None:
    """The conversation's one message once the worker has decided on its translation."""
    [stored] = await thread(client, await login(client, MEI), conversation_id)
    return None if stored["translation_state"] == "pending" else dict(stored)


async def test_without_an_engine_the_agent_reads_the_spanish_as_written_and_is_told_why(
    client: httpx.AsyncClient,
    browser: Browser,
    context: BrowserContext,
    server: ServerProcess,
    demo: Demo,
    worker: subprocess.Popen[bytes],
    customer: FrameLocator,
    watched: Watched,
) -> None:
    conversation_id = await spanish_conversation(client, customer)
    mei = await console_for(context, server, watched, MEI)
    await mei.open(conversation_id)

    message = mei.messages("inbound").first
    await expect(message.get_by_test_id("message-language")).to_have_text("es")
    await expect(message.get_by_test_id("message-body")).to_have_text(SPANISH)
    await expect(message.get_by_test_id("translation-note")).to_have_count(0)
    notice = mei.page.get_by_test_id("translation-notice")
    await expect(notice).to_contain_text(
        "No translation engine is configured, so messages are shown as written."
    )
    await expect(notice).to_contain_text("Settings → Translation")
    # The worker stores the language first and the translation state in a later step.
    stored = await eventually(lambda: settled(client, conversation_id))
    assert stored["language"] == "es"
    assert (stored["translation_state"], stored["translations"]) == ("no_engine", {})

    # Replies go out as written, and the agent is told so before sending.
    await expect(mei.page.get_by_test_id("reply-translation")).to_contain_text(
        "No translation engine is configured, so replies are sent as written."
    )
    await expect(mei.page.get_by_test_id("reply-translate")).to_be_hidden()
    await mei.page.get_by_test_id("reply-input").fill(REPLY)
    await mei.page.get_by_test_id("reply-send").click()
    await expect(mei.messages("outbound").get_by_test_id("message-body")).to_have_text(REPLY)
    await expect(mei.page.get_by_test_id("review")).to_be_hidden()
    await expect(bubble(customer, REPLY)).to_be_visible()
    await expect(bubble(customer, REPLY).get_by_test_id("widget-machine-translated")).to_have_count(0)

    await write(customer, MIXED)
    badge = mei.messages("inbound").nth(1).get_by_test_id("message-language")
    await expect(badge).to_have_text(re.compile("^mixed "))
    [*_, stored] = await thread(client, await login(client, MEI), conversation_id)
    languages = list(dict.fromkeys([stored["language"], *(s["language"] for s in stored["language_spans"])]))
    assert stored["language_mixed"] and {"es", "en"} <= set(languages)
    await expect(badge).to_have_text(f"mixed {'+'.join(languages)}")

    # Diego reads Spanish: for him there is nothing to translate and nothing to warn about.
    diego_context = await browser.new_context(viewport={"width": 1280, "height": 800})
    diego = await console_for(diego_context, server, watched, DIEGO)
    await diego.open(conversation_id)
    await expect(diego.messages("inbound").first.get_by_test_id("message-body")).to_have_text(SPANISH)
    await expect(diego.page.get_by_test_id("reply-translation")).to_be_hidden()
    await expect(diego.page.get_by_test_id("translation-notice")).to_be_hidden()
    await diego_context.close()


async def test_with_an_engine_the_agent_reads_english_and_the_customer_receives_spanish(
    client: httpx.AsyncClient,
    context: BrowserContext,
    server: ServerProcess,
    demo: Demo,
    engine: Interpreter,
    worker: subprocess.Popen[bytes],
    customer: FrameLocator,
    watched: Watched,
) -> None:
    await use_engine(client, engine)
    mei = await console_for(context, server, watched, MEI)
    conversation_id = await spanish_conversation(client, customer)
    await mei.open(conversation_id)
    await mei.page.evaluate("window.__sameDocument = true")

    message = mei.messages("inbound").first
    body = message.get_by_test_id("message-body")
    await expect(body).to_have_text(ENGLISH)
    await expect(body).to_have_attribute("lang", "en")
    await expect(message.get_by_test_id("translation-note")).to_have_text(
        "Translated from Spanish by openai:fake-mt · Show original"
    )
    await expect(message.get_by_test_id("message-language")).to_have_text("es")
    await expect(mei.page.get_by_test_id("translation-notice")).to_be_hidden()

    await message.get_by_role("button", name="Show original").click()
    await expect(body).to_have_text(SPANISH)
    await expect(body).to_have_attribute("lang", "es")
    await expect(message.get_by_test_id("translation-note")).to_have_text(
        "Original in Spanish · Show translation"
    )
    await message.get_by_role("button", name="Show translation").click()
    await expect(body).to_have_text(ENGLISH)

    # Mei writes English; before it goes out she sees the Spanish and its meaning in English.
    await expect(mei.page.get_by_test_id("reply-translation")).to_contain_text(
        "Replies are translated to Spanish"
    )
    await expect(mei.page.get_by_test_id("reply-translate")).to_be_checked()
    reply = mei.page.get_by_test_id("reply-input")
    await reply.fill(REPLY)
    await reply.press("Enter")
    review = mei.page.get_by_test_id("review")
    await expect(review.get_by_test_id("review-translation")).to_have_text(REPLY_ES)
    await expect(review.get_by_test_id("review-back")).to_have_text(REPLY_BACK)
    await expect(review.get_by_test_id("review-engine")).to_have_text("by openai:fake-mt")
    await expect(mei.messages("outbound")).to_have_count(0)  # nothing sent before she agrees

    await review.get_by_test_id("review-edit").click()
    await expect(review).to_be_hidden()
    await expect(reply).to_have_value(REPLY)
    await expect(reply).to_be_focused()
    await reply.press("Enter")
    await review.get_by_test_id("review-send").click()
    await expect(review).to_be_hidden()
    await expect(reply).to_have_value("")

    theirs = bubble(customer, REPLY_ES)
    await expect(theirs).to_have_attribute("data-direction", "outbound")
    await expect(theirs.get_by_test_id("widget-machine-translated")).to_have_text("Machine translated")
    await expect(customer.get_by_text(REPLY, exact=True)).to_have_count(0)

    sent = mei.messages("outbound")
    await expect(sent).to_have_count(1)
    await expect(sent.get_by_test_id("message-body")).to_have_text(REPLY)
    await expect(sent.get_by_test_id("translation-note")).to_have_text(
        "Sent in Spanish (machine translated) · Show what the customer received"
    )
    await sent.get_by_role("button", name="Show what the customer received").click()
    await expect(sent.get_by_test_id("message-body")).to_have_text(REPLY_ES)
    [_, stored] = await thread(client, await login(client, MEI), conversation_id)
    assert (stored["body"], stored["original_body"], stored["machine_translated"]) == (REPLY_ES, REPLY, True)
    assert await mei.page.evaluate("window.__sameDocument") is True


async def test_a_message_no_engine_could_translate_says_so_and_is_translated_once_one_answers(
    client: httpx.AsyncClient,
    context: BrowserContext,
    server: ServerProcess,
    demo: Demo,
    engine: Interpreter,
    worker: subprocess.Popen[bytes],
    customer: FrameLocator,
    watched: Watched,
) -> None:
    await use_engine(client, engine, timeout_s=30)
    engine.held.add(SPANISH)
    mei = await console_for(context, server, watched, MEI)
    conversation_id = await spanish_conversation(client, customer)
    await mei.open(conversation_id)

    message = mei.messages("inbound").first
    status = message.get_by_test_id("translation-status")
    await expect(status).to_have_text("translating…")
    await expect(message.get_by_test_id("message-body")).to_have_text(SPANISH)
    engine.down = True
    engine.release.set()
    await expect(status).to_have_text("Not translated yet — every engine failed; it will be retried")
    await expect(message.get_by_test_id("message-body")).to_have_text(SPANISH)

    # A reply cannot be translated either: the agent is told, and may still send it as written.
    reply = mei.page.get_by_test_id("reply-input")
    await reply.fill(REPLY)
    await reply.press("Enter")
    review = mei.page.get_by_test_id("review")
    await expect(review).to_contain_text("The reply could not be translated")
    await expect(review.get_by_test_id("review-detail")).to_contain_text("503")
    await review.get_by_test_id("review-edit").click()
    await expect(reply).to_have_value(REPLY)
    await reply.press("Enter")
    await review.get_by_test_id("review-send-original").click()
    await expect(mei.messages("outbound").get_by_test_id("message-body")).to_have_text(REPLY)
    await expect(bubble(customer, REPLY)).to_be_visible()
    await expect(bubble(customer, REPLY).get_by_test_id("widget-machine-translated")).to_have_count(0)

    engine.down = False
    await expect(message.get_by_test_id("message-body")).to_have_text(ENGLISH, timeout=RETRY_MS)
    await expect(status).to_have_count(0)


async def test_an_admin_sets_engines_and_glossary_in_settings_and_an_agent_cannot(
    client: httpx.AsyncClient,
    context: BrowserContext,
    browser: Browser,
    server: ServerProcess,
    watched: Watched,
) -> None:
    mei = await console_for(context, server, watched, MEI)
    page = mei.page
    await page.get_by_test_id("settings-open").click()
    await expect(page).to_have_url(re.compile("/console/settings$"))
    engines = page.get_by_test_id("settings-engines")
    await expect(engines.get_by_test_id("engine-list")).to_have_text(
        "No translation engine is configured: messages are shown as written."
    )
    await engines.get_by_test_id("engines-edit").click()

    rows = engines.get_by_test_id("engine-row")
    await expect(rows).to_have_count(1)
    await rows.nth(0).get_by_test_id("engine-url").fill("localhost:11434/v1")  # no scheme: refused
    await rows.nth(0).get_by_test_id("engine-model").fill("qwen2.5:7b")
    await rows.nth(0).get_by_test_id("engine-name").fill("ollama")
    await engines.get_by_test_id("engines-add").click()
    await rows.nth(1).get_by_test_id("engine-kind").select_option("libretranslate")
    await engines.get_by_test_id("engines-save").click()
    await expect(engines.get_by_test_id("engines-error")).to_have_text(
        "Engine 2 (LibreTranslate): Server URL is required."
    )
    await expect(rows.nth(1).get_by_test_id("engine-url")).to_be_focused()
    await rows.nth(1).get_by_test_id("engine-url").fill("http://127.0.0.1:5000")
    await rows.nth(1).get_by_test_id("engine-up").click()  # LibreTranslate first, then Ollama
    await expect(rows.nth(0).get_by_test_id("engine-kind")).to_have_value("libretranslate")
    await expect(rows.nth(1).get_by_test_id("engine-url")).to_have_value("localhost:11434/v1")
    await engines.get_by_test_id("mark-machine-translated").uncheck()
    await engines.get_by_test_id("engines-save").click()
    await expect(engines.get_by_test_id("engines-error")).to_contain_text(
        "must be an http:// or https:// URL"
    )

    await rows.nth(1).get_by_test_id("engine-url").fill("http://localhost:11434/v1")
    await engines.get_by_test_id("engines-save").click()
    await expect(engines.get_by_test_id("engine")).to_have_count(2)
    await expect(engines.get_by_test_id("engine").nth(0)).to_contain_text("libretranslate")
    await expect(engines.get_by_test_id("engine").nth(1)).to_contain_text("ollama")
    await expect(engines).to_contain_text("Replies sent translated carry no mark for the customer.")

    admin = await login(client, MEI)
    translation = (await client.get("/api/v1/workspace", headers=admin)).json()["translation"]
    assert translation["configured"] is True
    assert translation["mark_machine_translated"] is False
    assert [(e["name"], e["kind"], e["settings"].get("url")) for e in translation["engines"]] == [
        ("libretranslate", "libretranslate", "http://127.0.0.1:5000"),
        ("ollama", "openai", "http://localhost:11434/v1"),
    ]
    # Editing again starts from what is saved, not from empty fields.
    await engines.get_by_test_id("engines-edit").click()
    await expect(rows.nth(1).get_by_test_id("engine-url")).to_have_value("http://localhost:11434/v1")
    await expect(rows.nth(1).get_by_test_id("engine-model")).to_have_value("qwen2.5:7b")
    await engines.get_by_test_id("engines-save").click()
    await expect(engines.get_by_test_id("engine")).to_have_count(2)

    glossary = page.get_by_test_id("settings-glossary")
    await expect(glossary.get_by_test_id("glossary-empty")).to_be_visible()
    await glossary.get_by_test_id("glossary-term-input").fill("Babeldesk Pro")
    await glossary.get_by_test_id("glossary-add").click()
    await expect(glossary.get_by_test_id("glossary-term")).to_have_count(1)
    await glossary.get_by_test_id("glossary-kind").select_option("fixed")
    await glossary.get_by_test_id("glossary-term-input").fill("refund")
    await glossary.get_by_test_id("glossary-language").fill("Spanish")
    await glossary.get_by_test_id("glossary-translation").fill("reembolso")
    await glossary.get_by_test_id("glossary-add").click()
    await expect(glossary.get_by_test_id("glossary-error")).to_contain_text("a code such as es")
    await expect(glossary.get_by_test_id("glossary-translation")).to_have_value("reembolso")
    await glossary.get_by_test_id("glossary-language").fill("es")
    await glossary.get_by_test_id("glossary-add").click()
    await expect(glossary.get_by_test_id("glossary-term")).to_have_count(2)
    refund = glossary.locator('[data-term="refund"]')
    await expect(refund).to_contain_text("→ reembolso")
    await expect(refund.locator(".badge-lang")).to_have_text("es")
    await glossary.get_by_test_id("glossary-term-input").fill("FBA")
    await glossary.get_by_test_id("glossary-kind").select_option("never_translate")
    await glossary.get_by_test_id("glossary-add").click()
    await expect(glossary.get_by_test_id("glossary-term")).to_have_count(3)
    await glossary.locator('[data-term="Babeldesk Pro"]').get_by_test_id("glossary-remove").click()
    await expect(glossary.get_by_test_id("glossary-term")).to_have_count(2)

    terms = (await client.get("/api/v1/glossary", headers=admin)).json()
    assert terms == [
        {"term": "FBA", "kind": "never_translate", "language": None, "translation": None},
        {"term": "refund", "kind": "fixed", "language": "es", "translation": "reembolso"},
    ]

    await page.reload()  # the address opens the settings by itself
    await expect(glossary.get_by_test_id("glossary-term")).to_have_count(2)
    await expect(engines.get_by_test_id("engine")).to_have_count(2)
    await page.get_by_test_id("settings-close").click()
    await expect(page).to_have_url(re.compile("/console/$"))
    await expect(mei.rows().first).to_be_visible()

    # Lena is an agent: she sees what translates and the glossary, and can change neither.
    lena_context = await browser.new_context(viewport={"width": 1280, "height": 800})
    lena = await console_for(lena_context, server, watched, LENA)
    await lena.page.get_by_test_id("settings-open").click()
    lena_engines = lena.page.get_by_test_id("settings-engines")
    await expect(lena_engines.get_by_test_id("engine")).to_have_count(2)
    await expect(lena_engines.get_by_test_id("engines-read-only")).to_be_visible()
    await expect(lena_engines.get_by_test_id("engines-edit")).to_have_count(0)
    lena_glossary = lena.page.get_by_test_id("settings-glossary")
    await expect(lena_glossary.get_by_test_id("glossary-term")).to_have_count(2)
    await expect(lena_glossary.get_by_test_id("glossary-read-only")).to_be_visible()
    await expect(lena_glossary.get_by_test_id("glossary-form")).to_have_count(0)
    await expect(lena_glossary.get_by_test_id("glossary-remove")).to_have_count(0)
    await lena_context.close()
