"""The agent console in a real Chromium, against a real server and database.

Customers are played through the widget's HTTP API, so these tests exercise only the console.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import psycopg
import pytest
from playwright.async_api import BrowserContext, ConsoleMessage, Error, Locator, Page, WebSocketRoute, expect

from tests.conftest import Demo, ServerProcess, login

MEI = "mei@demo-shop.example"
XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
# Of the demo's eight conversations, Camille's (fr) is resolved; the console opens on "open".
OPEN_DEMO_CUSTOMERS = [
    "Lucía Fernández",
    "João Pereira",
    "王芳",
    "Jonas Becker",
    "佐藤 健",
    "Omar Haddad",
    "Emily Carter",
]


@dataclass
class Visitor:
    """A customer writing from the web widget."""

    http: httpx.AsyncClient
    token: str
    customer_id: int

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}

    async def says(self, body: str) -> dict[str, Any]:
        message = {"body": body, "client_id": str(uuid.uuid4())}
        response = await self.http.post("/api/v1/widget/messages", json=message, headers=self.auth)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def thread(self) -> list[dict[str, Any]]:
        response = await self.http.get("/api/v1/widget/messages", headers=self.auth)
        assert response.status_code == 200, response.text
        return list(response.json()["messages"])


@dataclass
class Shop:
    """The demo shop seen from outside: new visitors, and the agents' view of conversations."""

    http: httpx.AsyncClient
    widget_key: str
    agent_auth: dict[str, str]

    async def visitor(self, name: str, language: str) -> Visitor:
        response = await self.http.post(
            "/api/v1/widget/sessions",
            json={"widget_key": self.widget_key, "name": name, "language": language},
        )
        assert response.status_code == 201, response.text
        return Visitor(self.http, response.json()["token"], response.json()["customer_id"])

    async def conversation(
        self, *, customer_id: int | None = None, language: str | None = None
    ) -> dict[str, Any]:
        """The one conversation of this customer or in this language."""
        response = await self.http.get(
            "/api/v1/conversations", params={"view": "all", "limit": 200}, headers=self.agent_auth
        )
        assert response.status_code == 200, response.text
        found = [
            c
            for c in response.json()["conversations"]
            if (customer_id is None or c["customer_id"] == customer_id)
            and (language is None or c["language"] == language)
        ]
        assert len(found) == 1, found
        return dict(found[0])


@pytest.fixture
async def shop(client: httpx.AsyncClient, database_url: str) -> Shop:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT widget_key FROM workspaces WHERE slug = 'demo-shop'").fetchone()
    assert row is not None
    return Shop(client, row[0], await login(client, MEI))


@dataclass
class Console:
    page: Page
    url: str
    errors: list[str] = field(default_factory=list)

    async def sign_in(self, email: str = MEI, password: str = Demo.password) -> None:
        await self.page.goto(f"{self.url}/console/")
        await self.page.get_by_test_id("login-email").fill(email)
        await self.page.get_by_test_id("login-password").fill(password)
        await self.page.get_by_test_id("login-submit").click()

    async def signed_in(self, email: str = MEI) -> None:
        """Signed in with live updates running, so nothing a test does next goes unheard."""
        await self.sign_in(email)
        await expect(self.page.get_by_test_id("connection-status")).to_have_text("connected")

    def rows(self) -> Locator:
        return self.page.get_by_test_id("inbox-row")

    def row(self, conversation_id: int) -> Locator:
        return self.page.locator(f'[data-testid="inbox-row"][data-conversation-id="{conversation_id}"]')

    def messages(self, direction: str | None = None) -> Locator:
        where = f'[data-direction="{direction}"]' if direction else ""
        return self.page.get_by_test_id("thread").locator(f'[data-testid="message"]{where}')

    async def open(self, conversation_id: int) -> None:
        await self.row(conversation_id).click()
        await expect(self.page.get_by_test_id("conversation-status")).not_to_be_empty()
        await expect(self.messages().first).to_be_visible()


@pytest.fixture
async def console(context: BrowserContext, server: ServerProcess, demo: Demo) -> AsyncIterator[Console]:
    """The console page over the demo shop; any script error or CSP violation fails the test."""
    page = await context.new_page()
    ui = Console(page, server.url)

    def on_console(message: ConsoleMessage) -> None:
        # The browser logs every non-2xx response; a 401 for a wrong password is expected.
        if message.type == "error" and "Failed to load resource" not in message.text:
            ui.errors.append(message.text)

    def on_page_error(error: Error) -> None:
        ui.errors.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield ui
    assert ui.errors == []


async def test_sign_in_rejects_a_wrong_password_then_shows_the_demo_inbox_until_sign_out(
    console: Console,
) -> None:
    page = console.page
    await console.sign_in(password="not-the-password")
    await expect(page.get_by_test_id("login-error")).to_have_text(re.compile("wrong email or password", re.I))
    await expect(page.get_by_test_id("inbox-list")).to_be_hidden()

    await page.get_by_test_id("login-password").fill(Demo.password)
    await page.get_by_test_id("login-submit").click()
    await expect(console.rows()).to_have_count(len(OPEN_DEMO_CUSTOMERS))
    for name in OPEN_DEMO_CUSTOMERS:
        await expect(console.rows().filter(has_text=name)).to_have_count(1)
    await expect(page.get_by_test_id("inbox-list")).not_to_contain_text("Camille Martin")
    await expect(page.get_by_test_id("login-error")).to_be_hidden()

    # The session cookie carries over a reload: no second sign-in.
    await page.reload()
    await expect(console.rows()).to_have_count(len(OPEN_DEMO_CUSTOMERS))
    await expect(page.get_by_test_id("login-email")).to_be_hidden()

    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_test_id("login-email")).to_be_visible()
    await page.reload()
    await expect(page.get_by_test_id("login-email")).to_be_visible()
    await expect(page.get_by_test_id("inbox-list")).to_be_hidden()


async def test_customer_messages_appear_live_in_the_thread_and_the_inbox(
    console: Console, shop: Shop
) -> None:
    ana = await shop.visitor("Ana Torres", "es")
    await ana.says("Hola, ¿tienen la chaqueta en talla 38?")
    ben = await shop.visitor("Ben Okafor", "en")
    await ben.says("Where is my order?")
    ana_conversation = (await shop.conversation(customer_id=ana.customer_id))["id"]
    ben_conversation = (await shop.conversation(customer_id=ben.customer_id))["id"]

    await console.signed_in()
    await expect(console.rows().first).to_have_attribute("data-conversation-id", str(ben_conversation))
    await console.open(ana_conversation)
    await console.page.evaluate("window.__sameDocument = true")

    await ana.says("¿Y en azul?\nGracias")
    await expect(console.messages("inbound")).to_have_count(2)
    await expect(console.messages("inbound").last.get_by_test_id("message-body")).to_have_text(
        "¿Y en azul?\nGracias"
    )
    await expect(console.row(ana_conversation).get_by_test_id("inbox-preview")).to_have_text(
        "¿Y en azul? Gracias"
    )
    await expect(console.rows().first).to_have_attribute("data-conversation-id", str(ana_conversation))

    carla = await shop.visitor("Carla Rossi", "it")
    await carla.says("Buongiorno, avete spedizioni in Italia?")
    carla_conversation = (await shop.conversation(customer_id=carla.customer_id))["id"]
    await expect(console.rows().first).to_have_attribute("data-conversation-id", str(carla_conversation))
    await expect(console.row(carla_conversation)).to_contain_text("Carla Rossi")
    await expect(console.row(carla_conversation)).to_contain_text("avete spedizioni in Italia?")
    # The thread on screen stays Ana's, and nothing reloaded the page to get there.
    await expect(console.messages()).to_have_count(2)
    assert await console.page.evaluate("window.__sameDocument") is True


async def test_a_reply_is_shown_once_and_reaches_the_customer(console: Console, shop: Shop) -> None:
    ana = await shop.visitor("Ana Torres", "es")
    await ana.says("¿Hacen envíos a Chile?")
    conversation_id = (await shop.conversation(customer_id=ana.customer_id))["id"]
    await console.signed_in()
    await console.open(conversation_id)

    reply = console.page.get_by_test_id("reply-input")
    await reply.fill("Hola Ana,")
    await reply.press("Shift+Enter")
    await reply.press_sequentially("sí, a todo Chile.")
    await reply.press("Enter")

    await expect(console.messages("outbound")).to_have_count(1)
    await expect(console.messages("outbound").get_by_test_id("message-body")).to_have_text(
        "Hola Ana,\nsí, a todo Chile."
    )
    await expect(reply).to_have_value("")
    # The preview changes when the server's live echo of the reply arrives; it must not add a copy.
    await expect(console.row(conversation_id).get_by_test_id("inbox-preview")).to_have_text(
        "Hola Ana, sí, a todo Chile."
    )
    await expect(console.messages("outbound")).to_have_count(1)

    await console.page.get_by_test_id("reply-internal").check()
    await reply.fill("Ofrecer envío gratis si vuelve a escribir")
    await console.page.get_by_test_id("reply-send").click()
    await expect(console.messages("internal")).to_have_count(1)

    seen_by_customer = await ana.thread()
    assert [(m["direction"], m["body"]) for m in seen_by_customer] == [
        ("inbound", "¿Hacen envíos a Chile?"),
        ("outbound", "Hola Ana,\nsí, a todo Chile."),
    ]


async def test_reply_errors_from_the_api_are_shown_and_nothing_is_added(console: Console, shop: Shop) -> None:
    jonas = await shop.conversation(language="de")
    await console.signed_in()
    await console.open(jonas["id"])
    before = await console.messages().count()

    await console.page.get_by_test_id("reply-input").fill("x" * 10_001)
    await console.page.get_by_test_id("reply-send").click()
    await expect(console.page.get_by_test_id("reply-error")).to_have_text(
        "message is 10001 characters; the limit is 10000"
    )
    await expect(console.messages()).to_have_count(before)
    await expect(console.page.get_by_test_id("reply-input")).to_have_value("x" * 10_001)


async def test_markup_from_customers_is_shown_as_text(console: Console, shop: Shop) -> None:
    mallory = await shop.visitor('<img src=x onerror="window.__xss=3">', "en")
    await mallory.says(XSS)
    conversation_id = (await shop.conversation(customer_id=mallory.customer_id))["id"]
    await console.signed_in()

    row = console.row(conversation_id)
    await expect(row.get_by_test_id("inbox-preview")).to_have_text(XSS)
    await expect(row).to_contain_text('<img src=x onerror="window.__xss=3">')
    await console.open(conversation_id)
    await expect(console.messages().get_by_test_id("message-body")).to_have_text(XSS)
    # Arriving live takes another code path than loading the thread.
    await mallory.says(XSS + "<b>live</b>")
    await expect(console.messages().last.get_by_test_id("message-body")).to_have_text(XSS + "<b>live</b>")
    await expect(console.page.get_by_test_id("customer-sidebar")).to_contain_text("window.__xss=3")

    assert await console.page.evaluate("window.__xss") is None
    for where in ("thread", "inbox-list", "customer-sidebar"):
        assert await console.page.get_by_test_id(where).locator("img, script, b").count() == 0


async def test_resolve_reopen_assign_and_priority(console: Console, shop: Shop, demo: Demo) -> None:
    jonas = (await shop.conversation(language="de"))["id"]
    emily = (await shop.conversation(language="en"))["id"]  # nobody's yet
    page = console.page
    await console.signed_in()
    await console.open(jonas)
    status = page.get_by_test_id("conversation-status")
    await expect(status).to_have_text("open")

    await page.get_by_test_id("resolve").click()
    await expect(status).to_have_text("resolved")
    await expect(console.row(jonas)).to_have_count(0)
    await expect(page.get_by_test_id("resolve")).to_be_hidden()

    await page.get_by_test_id("reopen").click()
    await expect(status).to_have_text("open")
    await expect(console.row(jonas)).to_have_count(1)

    await page.get_by_test_id("priority-select").select_option("urgent")
    await expect(console.row(jonas)).to_have_attribute("data-priority", "urgent")

    await page.get_by_test_id("view-mine").click()
    await expect(console.row(jonas)).to_have_count(0)
    await page.get_by_test_id("assign-me").click()
    await expect(page.get_by_test_id("assign-select")).to_have_value(str(demo.agents["mei"].id))
    await expect(console.row(jonas)).to_have_count(1)
    await page.get_by_test_id("view-unassigned").click()
    await expect(console.row(emily)).to_have_count(1)
    await expect(console.row(jonas)).to_have_count(0)

    stored = await shop.conversation(language="de")
    assert (stored["status"], stored["priority"], stored["assignee_id"]) == (
        "open",
        "urgent",
        demo.agents["mei"].id,
    )


async def test_filters_narrow_the_inbox(console: Console) -> None:
    page = console.page
    await console.signed_in()
    await expect(console.rows()).to_have_count(len(OPEN_DEMO_CUSTOMERS))

    await page.get_by_test_id("filter-language").select_option("de")
    await expect(console.rows()).to_have_count(1)
    await expect(console.rows()).to_contain_text("Jonas Becker")

    await page.get_by_test_id("filter-language").select_option("fr")
    await expect(page.get_by_test_id("inbox-list")).to_have_text("No conversations")
    await page.get_by_test_id("filter-status").select_option("")
    await expect(console.rows()).to_have_count(1)
    await expect(console.rows()).to_contain_text("Camille Martin")

    # Mei replied to 王芳 in the demo, which made that conversation hers.
    await page.get_by_test_id("filter-language").select_option("")
    await page.get_by_test_id("view-mine").click()
    await expect(console.rows()).to_have_count(1)
    await expect(console.rows()).to_contain_text("王芳")


async def test_after_a_lost_connection_the_console_reconnects_and_catches_up(
    console: Console, shop: Shop
) -> None:
    ana = await shop.visitor("Ana Torres", "es")
    await ana.says("Hola")
    conversation_id = (await shop.conversation(customer_id=ana.customer_id))["id"]
    sockets: list[WebSocketRoute] = []
    reachable = True

    async def route(ws: WebSocketRoute) -> None:
        sockets.append(ws)
        if reachable:
            ws.connect_to_server()
        else:
            await ws.close()

    await console.page.route_web_socket(re.compile(r"/ws/console$"), route)
    await console.signed_in()
    await console.open(conversation_id)

    reachable = False
    await sockets[-1].close()
    await expect(console.page.get_by_test_id("connection-status")).to_have_text("reconnecting")
    await ana.says("¿Sigue ahí?")  # written while the console cannot hear it
    for _ in range(100):  # the console keeps trying meanwhile, backing off
        if len(sockets) >= 3:
            break
        await asyncio.sleep(0.1)
    assert len(sockets) >= 3

    reachable = True
    await expect(console.page.get_by_test_id("connection-status")).to_have_text("connected", timeout=15_000)
    await expect(console.messages("inbound").last.get_by_test_id("message-body")).to_have_text("¿Sigue ahí?")
    await expect(console.row(conversation_id).get_by_test_id("inbox-preview")).to_have_text("¿Sigue ahí?")


async def test_the_keyboard_moves_through_the_inbox_and_history(console: Console) -> None:
    page = console.page
    await console.signed_in()
    await expect(console.rows()).to_have_count(len(OPEN_DEMO_CUSTOMERS))
    first, second = await console.rows().evaluate_all(
        "rows => rows.slice(0, 2).map(r => +r.dataset.conversationId)"
    )

    await page.keyboard.press("j")
    await expect(console.row(first)).to_have_attribute("aria-selected", "true")
    await page.keyboard.press("j")
    await expect(console.row(second)).to_have_attribute("aria-selected", "true")
    await expect(page).to_have_url(re.compile(f"/console/conversations/{second}$"))
    await page.keyboard.press("r")
    await expect(page.get_by_test_id("reply-input")).to_be_focused()

    await page.go_back()
    await expect(console.row(first)).to_have_attribute("aria-selected", "true")
    await page.reload()  # the address opens the conversation by itself
    await expect(console.row(first)).to_have_attribute("aria-selected", "true")
    await expect(console.messages().first).to_be_visible()


async def test_the_sidebar_shows_who_the_customer_is_and_their_time(console: Console, shop: Shop) -> None:
    jonas = (await shop.conversation(language="de"))["id"]
    await console.signed_in()
    await console.open(jonas)
    sidebar = console.page.get_by_test_id("customer-sidebar")
    await expect(sidebar.get_by_test_id("customer-name")).to_have_text("Jonas Becker")
    for shown in ("jonas@example.com", "German (de)", "Germany (DE)", "Europe/Berlin"):
        await expect(sidebar).to_contain_text(shown)
    # Berlin's clock now, or a minute ago should the minute have turned since the sidebar drew it.
    clocks = await console.page.evaluate(
        """() => [0, 60_000].map((ago) => new Intl.DateTimeFormat("en", {
            timeZone: "Europe/Berlin", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
        }).format(new Date(Date.now() - ago)))"""
    )
    await expect(sidebar.get_by_test_id("customer-local-time")).to_contain_text(
        re.compile("|".join(map(re.escape, clocks)))
    )
