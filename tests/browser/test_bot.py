"""The bot end to end: a customer writes in the widget of the demo shop, the worker understands each
message and the bot answers in the customer's language from the demo store; an angry customer is
handed to an agent, who sees the bot's summary in English and the alert in the console; and when no
one is on shift the bot says so and offers callback times in the customer's timezone.

Everything is real: the server, the worker with the understanding model, PostgreSQL, Chromium.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from subprocess import Popen

import psycopg
import pytest
from playwright.async_api import Browser, BrowserContext, FrameLocator, Locator, Page, expect

from babeldesk.bot.facts import clock
from babeldesk.core.hours import WEEKDAYS, WeeklyHours, callback_slots, parse_week
from babeldesk.replies.library import default_library, render
from tests.conftest import Demo, ServerProcess
from tests.jobs.test_worker import start_worker, stop

DIEGO = "diego@demo-shop.example"
BOT_WAIT_MS = 120_000  # the worker loads the understanding models on its first message
PORTUGUESE = "Meu pedido #1001 ainda não chegou"
ANGRY_SPANISH = (
    "¡Esto es una vergüenza! Llevo semanas esperando y nadie me ayuda. "
    "¡Estoy furiosa, quiero hablar con una persona!"
)


@pytest.fixture
def worker(server: ServerProcess, demo: Demo, database_url: str, tmp_root: Path) -> Iterator[Popen[bytes]]:
    process = start_worker(database_url, tmp_root / "worker-bot")
    yield process
    stop(process)


@dataclass
class Customer:
    page: Page
    frame: FrameLocator

    async def write(self, body: str) -> None:
        await self.frame.get_by_test_id("widget-input").fill(body)
        await self.frame.get_by_test_id("widget-input").press("Enter")

    def bot(self) -> Locator:
        return self.frame.get_by_test_id("widget-message").filter(has_text="Assistant")


OpenWidget = Callable[[str, str], Awaitable[Customer]]


@pytest.fixture
async def customer_in(browser: Browser, server: ServerProcess) -> AsyncIterator[OpenWidget]:
    """Opens the demo shop's widget as a customer in ``timezone`` whose browser speaks ``language``."""
    contexts: list[BrowserContext] = []

    async def open_widget(timezone: str, language: str) -> Customer:
        context = await browser.new_context(timezone_id=timezone, locale=language)
        contexts.append(context)
        page = await context.new_page()
        await page.goto(f"{server.url}/demo/shop")
        await page.locator("#babeldesk-launcher").click()
        frame = page.frame_locator("#babeldesk-frame")
        await expect(frame.get_by_test_id("widget-status")).to_have_text("connected", timeout=15_000)
        return Customer(page, frame)

    yield open_widget
    for context in contexts:
        await context.close()


def set_hours(database_url: str, week: dict[str, dict[str, list[str]]], timezone: str = "UTC") -> None:
    """Replace every demo agent's weekly hours (agents not named have none) and their timezone."""
    with psycopg.connect(database_url) as conn:
        conn.execute("DELETE FROM agent_shifts")
        conn.execute("UPDATE agents SET timezone = %s", (timezone,))
        for email, days in week.items():
            for shift in parse_week(days):
                conn.execute(
                    "INSERT INTO agent_shifts (agent_id, weekday, starts, ends)"
                    " SELECT id, %s, %s, %s FROM agents WHERE email = %s",
                    (shift.weekday, shift.starts, shift.ends, email),
                )


def conversation_of(database_url: str) -> int:
    """The conversation in which the customer wrote ``PORTUGUESE``."""
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT conversation_id FROM messages WHERE body = %s", (PORTUGUESE,)).fetchone()
    assert row is not None
    return int(row[0])


def template_start(key: str, language: str) -> str:
    """The text of a reply up to its first placeholder."""
    text: str = default_library().text(key, language)
    return text.split("{")[0].strip()


async def test_the_bot_answers_in_portuguese_and_hands_an_angry_customer_to_an_agent(
    customer_in: OpenWidget, worker: Popen[bytes], browser: Browser, server: ServerProcess, database_url: str
) -> None:
    set_hours(database_url, {DIEGO: {day: ["00:00-24:00"] for day in WEEKDAYS}})
    ana = await customer_in("America/Sao_Paulo", "pt-BR")
    await ana.write(PORTUGUESE)
    await expect(ana.bot().first).to_contain_text("e-mail", timeout=BOT_WAIT_MS)
    await ana.write("ana@example.com")
    # Where the parcel is, in Portuguese: the tracking state (the order-status and tracking answers both
    # give it for a shipped order), or a delay with the carrier's new date.
    told = [re.escape(render("tracking_in_transit", "pt")), re.escape(template_start("delay_expected", "pt"))]
    answer = ana.bot().filter(has_text=re.compile("|".join(told)))
    await expect(answer.first).to_be_visible(timeout=BOT_WAIT_MS)

    await ana.write(ANGRY_SPANISH)
    handed = (template_start("handoff_angry", "es"), template_start("handoff", "es"))
    apology = ana.bot().filter(has_text=re.compile("|".join(re.escape(t) for t in handed)))
    await expect(apology).to_have_count(1, timeout=BOT_WAIT_MS)

    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    await page.goto(f"{server.url}/console/")
    await page.get_by_test_id("login-email").fill(DIEGO)
    await page.get_by_test_id("login-password").fill(Demo.password)
    await page.get_by_test_id("login-submit").click()
    row = page.locator(f'[data-testid="inbox-row"][data-conversation-id="{conversation_of(database_url)}"]')
    await expect(row.get_by_test_id("alert-badge")).to_have_text(re.compile("angry|negative"))
    await row.click()
    await expect(page.get_by_test_id("conversation-alert")).to_be_visible()
    summary = page.locator('[data-kind="handoff-summary"]')
    await expect(summary).to_have_count(1)
    await expect(summary).to_contain_text("Bot hand-off summary")
    await expect(summary).to_contain_text("Customer's language")
    bot_replies = page.get_by_test_id("thread").locator('[data-author="bot"][data-direction="outbound"]')
    await expect(bot_replies.first.locator(".author")).to_have_text("Bot")
    await expect(page.get_by_test_id("priority-select")).to_have_value(re.compile("high|urgent"))
    await page.get_by_test_id("hand-back").click()
    await expect(page.get_by_test_id("conversation-handler")).to_have_attribute("data-handled-by", "bot")
    await expect(page.get_by_test_id("conversation-alert")).to_be_hidden()
    await expect(row.get_by_test_id("bot-badge")).to_be_visible()
    await context.close()


async def test_an_admin_changes_the_bot_policy_in_the_settings(
    browser: Browser, server: ServerProcess, demo: Demo, database_url: str
) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto(f"{server.url}/console/")
    await page.get_by_test_id("login-email").fill("mei@demo-shop.example")
    await page.get_by_test_id("login-password").fill(Demo.password)
    await page.get_by_test_id("login-submit").click()
    await page.get_by_test_id("settings-open").click()
    await expect(page.get_by_test_id("bot-return-window-days")).to_have_value("30")
    await page.get_by_test_id("bot-return-window-days").fill("14")
    await page.get_by_test_id("bot-return-payer").select_option("seller")
    await page.get_by_test_id("bot-anger").uncheck()
    await page.get_by_test_id("bot-settings-save").click()
    await expect(page.get_by_test_id("bot-settings-saved")).to_be_visible()
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT settings->'bot' FROM workspaces").fetchone()
    assert row is not None
    assert row[0]["hand_off_on_anger"] is False
    assert row[0]["policy"]["return_window_days"] == 14
    assert row[0]["policy"]["changed_mind_return_paid_by"] == "seller"
    await page.get_by_test_id("bot-return-window-days").fill("-3")
    await page.get_by_test_id("bot-settings-save").click()
    await expect(page.get_by_test_id("bot-settings-error")).to_contain_text("return_window_days")
    assert errors == []
    await context.close()


async def test_off_hours_the_bot_says_so_and_offers_callbacks_in_the_customers_time(
    customer_in: OpenWidget, worker: Popen[bytes], database_url: str
) -> None:
    # Everyone works one hour a week, at 02:00 UTC (11:00 in Tokyo, inside the customer's waking hours
    # whatever time the test runs), half a day or more from now: nobody is on shift now.
    start = (datetime.now(UTC) + timedelta(hours=36)).replace(hour=2, minute=0, second=0, microsecond=0)
    day = WEEKDAYS[start.weekday()]
    window = f"{start:%H}:00-{(start + timedelta(hours=1)):%H}:00"
    set_hours(database_url, {email: {day: [window]} for email in ("mei@demo-shop.example", DIEGO)})
    business = {"timezone": "UTC", "week": {day: [window]}}
    with psycopg.connect(database_url) as conn:
        conn.execute(
            "UPDATE workspaces SET settings = %s", (json.dumps({"business_hours": {"default": business}}),)
        )

    ken = await customer_in("Asia/Tokyo", "en-US")
    await ken.write("I want to talk to a person, please")
    offer = ken.bot().filter(has_text=template_start("callback_offer", "en"))
    await expect(offer).to_have_count(1, timeout=BOT_WAIT_MS)
    office = WeeklyHours("UTC", parse_week({day: [window]}))
    expected = callback_slots([office], "Asia/Tokyo", datetime.now(UTC))
    assert expected, "the hour is bookable"
    await expect(offer).to_contain_text(clock(expected[0], "Asia/Tokyo"))
    await expect(ken.bot().filter(has_text=template_start("offhours", "en"))).to_have_count(1)
