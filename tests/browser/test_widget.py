"""The web chat widget in a real browser: embedded by a shop page, talking to a real server, with
the agent answering through the API."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import httpx
import pytest
from playwright.async_api import BrowserContext, FrameLocator, Locator, Page, WebSocketRoute, expect

from tests.conftest import ServerProcess, login

AGENT = "mei@demo-shop.example"
# Longer than Playwright's default: a reconnect may wait out one backoff step.
WAIT_MS = 15_000

T = TypeVar("T")


async def eventually(probe: Callable[[], Awaitable[T | None]], timeout: float = 10) -> T:
    """Poll ``probe`` until it returns something other than ``None``."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        found = await probe()
        if found is not None:
            return found
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the server to show it")
        await asyncio.sleep(0.1)


async def status_is(
    http: httpx.AsyncClient, headers: dict[str, str], conversation_id: int, message_id: int, status: str
) -> bool | None:
    """True once the agent API shows message ``message_id`` with delivery status ``status``."""
    thread = (await http.get(f"/api/v1/conversations/{conversation_id}/messages", headers=headers)).json()
    found = [m["delivery_status"] for m in thread["messages"] if m["id"] == message_id]
    return True if found == [status] else None


async def open_shop_widget(context: BrowserContext, server: ServerProcess) -> tuple[Page, FrameLocator]:
    page = await context.new_page()
    await page.goto(f"{server.url}/demo/shop")
    return page, await open_widget(page)


async def open_widget(page: Page) -> FrameLocator:
    await page.locator("#babeldesk-launcher").click()
    frame = page.frame_locator("#babeldesk-frame")
    await expect(frame.get_by_test_id("widget-status")).to_have_text("connected", timeout=WAIT_MS)
    return frame


async def write(frame: FrameLocator, body: str) -> None:
    await frame.get_by_test_id("widget-input").fill(body)
    await frame.get_by_test_id("widget-input").press("Enter")


def bubble(frame: FrameLocator, body: str) -> Locator:
    """The widget's message whose body is exactly ``body``."""
    body_locator = frame.get_by_test_id("widget-message-body").get_by_text(body, exact=True)
    return frame.get_by_test_id("widget-message").filter(has=body_locator)


async def agent_headers(http: httpx.AsyncClient) -> dict[str, str]:
    return await login(http, AGENT)


async def conversation_with(http: httpx.AsyncClient, headers: dict[str, str], text: str) -> dict[str, Any]:
    """The conversation whose latest message is ``text``, as the agent's inbox shows it."""

    async def probe() -> dict[str, Any] | None:
        response = await http.get("/api/v1/conversations", params={"view": "all"}, headers=headers)
        response.raise_for_status()
        found = [c for c in response.json()["conversations"] if c["last_message_preview"] == text]
        assert len(found) <= 1, found
        return found[0] if found else None

    return await eventually(probe)


async def thread(
    http: httpx.AsyncClient, headers: dict[str, str], conversation_id: int
) -> list[dict[str, Any]]:
    response = await http.get(f"/api/v1/conversations/{conversation_id}/messages", headers=headers)
    response.raise_for_status()
    messages: list[dict[str, Any]] = response.json()["messages"]
    return messages


async def inbound_bodies(http: httpx.AsyncClient, headers: dict[str, str], conversation_id: int) -> list[str]:
    return [m["body"] for m in await thread(http, headers, conversation_id) if m["direction"] == "inbound"]


async def reply(
    http: httpx.AsyncClient, headers: dict[str, str], conversation_id: int, body: str
) -> dict[str, Any]:
    response = await http.post(
        f"/api/v1/conversations/{conversation_id}/messages", json={"body": body}, headers=headers
    )
    assert response.status_code == 201, response.text
    message: dict[str, Any] = response.json()
    return message


async def stored_token(page: Page) -> tuple[str, str]:
    """The widget's localStorage entry holding the customer token: (key, token). A widget that has
    just refused a token asks the server for a new one: the entry comes back when that answers."""

    async def entry() -> tuple[str, str] | None:
        entries: dict[str, str] = await page.evaluate("({...localStorage})")
        found = [(k, v) for k, v in entries.items() if k.startswith("babeldesk:") and k.endswith(":token")]
        assert len(found) <= 1, entries
        return found[0] if found else None

    return await eventually(entry)


async def last_inbound(
    http: httpx.AsyncClient, headers: dict[str, str], conversation_id: int, end: str
) -> str | None:
    """For ``eventually``: the latest customer message, once it ends with ``end``."""
    bodies = await inbound_bodies(http, headers, conversation_id)
    return bodies[-1] if bodies and bodies[-1].endswith(end) else None


async def equal(value: Awaitable[T], expected: T) -> bool | None:
    """For ``eventually``: true once ``value`` equals ``expected``."""
    return True if await value == expected else None


async def test_customer_and_agent_talk_live_on_the_demo_shop(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    page = await context.new_page()
    console_errors: list[str] = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    await page.goto(f"{server.url}/demo/shop")
    await expect(page.locator("script[src$='widget.js']")).to_have_count(1)
    await expect(page.locator("#babeldesk-frame")).to_have_count(0)  # nothing loads until asked
    frame = await open_widget(page)
    await expect(page.locator("#babeldesk-frame")).to_be_visible()
    await expect(frame.get_by_test_id("widget-title")).to_have_text("Demo Shop")
    await expect(frame.get_by_text("Ask us anything — we reply in your language.")).to_be_visible()

    await write(frame, "Hi! Where is my order #1042?")
    mine = bubble(frame, "Hi! Where is my order #1042?")
    await expect(mine).to_have_attribute("data-state", "sent")
    await expect(mine).to_have_attribute("data-direction", "inbound")

    headers = await agent_headers(client)
    conversation = await conversation_with(client, headers, "Hi! Where is my order #1042?")
    [stored] = await thread(client, headers, conversation["id"])
    assert stored["direction"] == "inbound"
    assert stored["client_id"] == await mine.get_attribute("data-client-id")
    await expect(mine).to_have_attribute("data-message-id", str(stored["id"]))

    answer = await reply(
        client, headers, conversation["id"], "It left our warehouse today; tracking follows."
    )
    theirs = bubble(frame, "It left our warehouse today; tracking follows.")
    await expect(theirs).to_have_attribute("data-direction", "outbound")
    await expect(theirs).to_have_attribute("data-message-id", str(answer["id"]))
    await expect(theirs).to_contain_text("Agent")
    await expect(frame.get_by_test_id("widget-message")).to_have_count(2)

    await frame.get_by_test_id("widget-input").fill("Great, thanks!")
    await frame.get_by_test_id("widget-input").press("Shift+Enter")
    await frame.get_by_test_id("widget-input").press_sequentially("Have a nice day.")
    await expect(frame.get_by_test_id("widget-message")).to_have_count(2)  # Shift+Enter only breaks the line
    await frame.get_by_test_id("widget-input").press("Enter")
    await expect(frame.get_by_test_id("widget-message")).to_have_count(3)
    await expect(frame.get_by_test_id("widget-input")).to_have_value("")
    last = await eventually(lambda: last_inbound(client, headers, conversation["id"], "Have a nice day."))
    assert last == "Great, thanks!\nHave a nice day."

    # The customer saw the reply with the chat open: it is read.
    await eventually(lambda: status_is(client, headers, conversation["id"], answer["id"], "read"))

    await frame.get_by_test_id("widget-close").click()
    await expect(page.locator("#babeldesk-frame")).to_be_hidden()
    unseen = await reply(client, headers, conversation["id"], "Anything else?")
    await expect(bubble(frame, "Anything else?")).to_have_count(1)  # arrived in the hidden frame
    await asyncio.sleep(1)
    assert await status_is(client, headers, conversation["id"], unseen["id"], "sent"), "not seen while closed"
    await page.evaluate("window.Babeldesk.open()")
    await expect(page.locator("#babeldesk-frame")).to_be_visible()
    await eventually(lambda: status_is(client, headers, conversation["id"], unseen["id"], "read"))
    await page.locator("#babeldesk-launcher").click()
    await expect(page.locator("#babeldesk-frame")).to_be_hidden()
    assert console_errors == []  # among others: the frame's CSP refused nothing


async def test_messages_written_offline_arrive_once_in_order_after_reconnecting(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    _, frame = await open_shop_widget(context, server)
    await write(frame, "before")
    await expect(bubble(frame, "before")).to_have_attribute("data-state", "sent")
    headers = await agent_headers(client)
    conversation = await conversation_with(client, headers, "before")

    await context.set_offline(True)
    await expect(frame.get_by_test_id("widget-status")).to_have_text("reconnecting")
    for body in ("one", "two", "three"):
        await write(frame, body)
        await expect(bubble(frame, body)).to_have_attribute("data-state", "sending")
    await asyncio.sleep(1.5)  # long enough for a couple of failed reconnect attempts
    await expect(frame.get_by_test_id("widget-status")).to_have_text("reconnecting")
    assert await inbound_bodies(client, headers, conversation["id"]) == ["before"]

    await context.set_offline(False)
    await expect(frame.get_by_test_id("widget-status")).to_have_text("connected", timeout=WAIT_MS)
    for body in ("one", "two", "three"):
        await expect(bubble(frame, body)).to_have_attribute("data-state", "sent")
    await eventually(
        lambda: equal(inbound_bodies(client, headers, conversation["id"]), ["before", "one", "two", "three"])
    )
    await asyncio.sleep(0.5)  # a late duplicate would show up here
    assert await inbound_bodies(client, headers, conversation["id"]) == ["before", "one", "two", "three"]
    await expect(frame.get_by_test_id("widget-message-body")).to_have_text(["before", "one", "two", "three"])


@dataclass
class Relay:
    """A man in the middle on the widget's socket that can lose one message or its ack."""

    lose: str  # "request": the server never gets the message; "ack": the browser never hears back
    body: str
    connections: int = 0
    sent: list[list[dict[str, Any]]] = field(default_factory=list)
    lost: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, ws: WebSocketRoute) -> None:
        number = self.connections
        self.connections += 1
        self.sent.append([])
        upstream = ws.connect_to_server()

        def to_server(raw: str | bytes) -> None:
            frame = json.loads(raw)
            self.sent[number].append(frame)
            if number == 0 and self.lose == "request" and frame.get("body") == self.body:
                self.lost.set()
                return
            upstream.send(raw)

        def to_browser(raw: str | bytes) -> None:
            message = json.loads(raw).get("message") or {}
            if number == 0 and self.lose == "ack" and message.get("body") == self.body:
                self.lost.set()  # both the ack and the echo of the stored message
                return
            ws.send(raw)

        ws.on_message(to_server)
        upstream.on_message(to_browser)


@pytest.mark.parametrize("lose", ["request", "ack"])
async def test_a_message_whose_delivery_was_not_confirmed_is_resent_after_reload_and_stored_once(
    lose: str, client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    relay = Relay(lose=lose, body="did this arrive?")
    await context.route_web_socket("**/ws/widget?*", relay.handle)
    page, frame = await open_shop_widget(context, server)
    await write(frame, "hello")
    await expect(bubble(frame, "hello")).to_have_attribute("data-state", "sent")
    headers = await agent_headers(client)
    conversation = await conversation_with(client, headers, "hello")

    await write(frame, "did this arrive?")
    await asyncio.wait_for(relay.lost.wait(), 5)
    await asyncio.sleep(0.3)  # had the widget heard back somehow, it would say so by now
    await expect(bubble(frame, "did this arrive?")).to_have_attribute("data-state", "sending")
    client_id = await bubble(frame, "did this arrive?").get_attribute("data-client-id")
    stored_before_reload = ["hello", "did this arrive?"] if lose == "ack" else ["hello"]
    assert await inbound_bodies(client, headers, conversation["id"]) == stored_before_reload

    await page.reload()
    frame = await open_widget(page)
    await expect(bubble(frame, "did this arrive?")).to_have_attribute("data-state", "sent")
    await expect(bubble(frame, "did this arrive?")).to_have_count(1)
    resent = [f for f in relay.sent[-1] if f.get("type") == "message"]
    assert [(f["client_id"], f["body"]) for f in resent] == [(client_id, "did this arrive?")]
    assert await inbound_bodies(client, headers, conversation["id"]) == ["hello", "did this arrive?"]


async def test_markup_in_messages_is_shown_as_text_and_never_runs(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    payload = '<img src=x onerror="window.__xss=1"><b>bold</b>'
    page, frame = await open_shop_widget(context, server)
    await write(frame, "hello")
    headers = await agent_headers(client)
    conversation = await conversation_with(client, headers, "hello")

    await reply(client, headers, conversation["id"], payload)
    await write(frame, payload + " (from the customer)")

    await expect(bubble(frame, payload)).to_have_attribute("data-direction", "outbound")
    await expect(bubble(frame, payload + " (from the customer)")).to_have_attribute("data-state", "sent")
    messages = frame.get_by_test_id("widget-messages")
    await expect(messages.locator("img")).to_have_count(0)
    await expect(messages.locator("b")).to_have_count(0)
    handle = await page.locator("#babeldesk-frame").element_handle()
    assert handle is not None
    inner = await handle.content_frame()
    assert inner is not None
    assert await inner.evaluate("typeof window.__xss") == "undefined"
    assert await page.evaluate("typeof window.__xss") == "undefined"


async def test_the_customer_keeps_their_identity_across_visits(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    page, frame = await open_shop_widget(context, server)
    await write(frame, "first visit")
    await expect(bubble(frame, "first visit")).to_have_attribute("data-state", "sent")
    _, token = await stored_token(page)
    headers = await agent_headers(client)
    first = await conversation_with(client, headers, "first visit")

    await page.reload()
    frame = await open_widget(page)
    await expect(bubble(frame, "first visit")).to_have_attribute("data-state", "sent")
    await write(frame, "second visit")
    again = await conversation_with(client, headers, "second visit")
    assert (again["id"], again["customer_id"]) == (first["id"], first["customer_id"])
    assert await inbound_bodies(client, headers, first["id"]) == ["first visit", "second visit"]
    assert (await stored_token(page))[1] == token


async def test_a_tampered_token_is_refused_and_the_widget_starts_a_new_session(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    page, frame = await open_shop_widget(context, server)
    await write(frame, "who am I?")
    await expect(bubble(frame, "who am I?")).to_have_attribute("data-state", "sent")
    headers = await agent_headers(client)
    original = await conversation_with(client, headers, "who am I?")

    key, token = await stored_token(page)
    # The customer id sits in the signed part: flip one character there.
    tampered = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    await page.evaluate("([key, value]) => localStorage.setItem(key, value)", [key, tampered])
    await page.reload()
    frame = await open_widget(page)

    async def replaced() -> str | None:
        _, now = await stored_token(page)
        return now if now != tampered else None  # the widget checks the token it finds first

    fresh = await eventually(replaced)
    assert fresh != token
    await expect(bubble(frame, "who am I?")).to_have_count(0)  # someone else's thread now
    await write(frame, "a new visitor")
    await expect(bubble(frame, "a new visitor")).to_have_attribute("data-state", "sent")
    renewed = await conversation_with(client, headers, "a new visitor")
    assert renewed["customer_id"] != original["customer_id"]
    assert await inbound_bodies(client, headers, original["id"]) == ["who am I?"]


class SellerSite:
    """A seller's own shop on another origin (another port), serving whatever page a test sets."""

    def __init__(self) -> None:
        self.html = b""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(site.html)))
                self.end_headers()
                self.wfile.write(site.html)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def embed(self, server: ServerProcess, widget_key: str) -> str:
        """Put up a page with the documented one-tag embed; return its address."""
        self.html = (
            "<!doctype html><title>Bowls</title><h1>Handmade bowls</h1>"
            f'<script src="{server.url}/widget.js" data-key="{widget_key}" data-lang="de" async></script>'
        ).encode()
        return f"{self.url}/shop"


@pytest.fixture(scope="module")
def seller() -> Iterator[SellerSite]:
    site = SellerSite()
    yield site
    site.httpd.shutdown()


async def test_the_widget_works_on_another_origin(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess, seller: SellerSite
) -> None:
    shop = await context.new_page()
    await shop.goto(f"{server.url}/demo/shop")
    widget_key = await shop.locator("script[data-key]").get_attribute("data-key")
    assert widget_key
    page = await context.new_page()
    await page.goto(seller.embed(server, widget_key))
    frame = await open_widget(page)
    await write(frame, "Hallo, habt ihr die Schale noch?")
    await expect(bubble(frame, "Hallo, habt ihr die Schale noch?")).to_have_attribute("data-state", "sent")
    headers = await agent_headers(client)
    conversation = await conversation_with(client, headers, "Hallo, habt ihr die Schale noch?")
    response = await client.get(f"/api/v1/customers/{conversation['customer_id']}", headers=headers)
    assert response.json()["preferred_language"] == "de"


async def test_an_unknown_widget_key_shows_an_error_instead_of_hanging(
    context: BrowserContext, server: ServerProcess, seller: SellerSite
) -> None:
    page = await context.new_page()
    await page.goto(seller.embed(server, "no-such-key"))
    await page.locator("#babeldesk-launcher").click()
    frame = page.frame_locator("#babeldesk-frame")
    await expect(frame.get_by_test_id("widget-error")).to_contain_text("unknown widget key")
    await expect(frame.get_by_test_id("widget-status")).to_have_text("unavailable")
    await expect(frame.get_by_test_id("widget-input")).to_be_disabled()


async def test_a_message_over_the_limit_is_marked_failed_with_the_reason(
    client: httpx.AsyncClient, context: BrowserContext, server: ServerProcess
) -> None:
    page, frame = await open_shop_widget(context, server)
    await write(frame, "hello")
    await expect(bubble(frame, "hello")).to_have_attribute("data-state", "sent")
    headers = await agent_headers(client)
    conversation = await conversation_with(client, headers, "hello")

    too_long = "x" * 10_001
    await frame.get_by_test_id("widget-input").fill(too_long)
    await expect(frame.get_by_test_id("widget-counter")).to_contain_text("too long")
    await frame.get_by_test_id("widget-send").click()

    failed = frame.get_by_test_id("widget-message").filter(has_text="xxxxxxxxxx")
    await expect(failed).to_have_attribute("data-state", "failed")
    await expect(failed.get_by_test_id("widget-message-error")).to_contain_text("limit is 10000")
    await expect(failed.get_by_test_id("widget-message-error")).to_be_visible()
    await expect(frame.get_by_test_id("widget-error")).to_contain_text("Too long to send")
    assert await inbound_bodies(client, headers, conversation["id"]) == ["hello"]

    await failed.get_by_test_id("widget-message-edit").click()
    await expect(failed).to_have_count(0)
    await expect(frame.get_by_test_id("widget-input")).to_have_value(too_long)
    await page.reload()
    frame = await open_widget(page)
    await expect(frame.get_by_test_id("widget-message")).to_have_count(1)  # not queued for a retry
