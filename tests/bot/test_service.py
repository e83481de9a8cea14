"""The bot in the worker, on the real database: a customer's message is understood and stored, an
unhappy customer's conversation goes up the inbox, the bot answers with the built-in store's demo
orders, hands over to the right agent with a summary they read, and steps back when an agent writes.

Turns run as the ``bot_turn`` job runs them (``do_bot_turn``/``run_bot_turn``), without a worker
process; tests/bot/test_service_worker.py runs the real worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, update

from babeldesk.bot.availability import do_set_agent_week
from babeldesk.bot.service import BotRuntime, do_bot_turn, run_bot_turn
from babeldesk.core.conversations import Channel
from babeldesk.core.hours import Shift
from babeldesk.db.engine import Database
from babeldesk.db.tables import conversations, workspaces
from babeldesk.helpdesk.conversations import do_hand_back_to_bot, get_conversation
from babeldesk.helpdesk.customers import do_create_customer
from babeldesk.helpdesk.messages import do_receive_customer_message, do_send_agent_reply
from babeldesk.helpdesk.records import Agent, Conversation, Customer
from babeldesk.helpdesk.translation import ChainCache
from babeldesk.helpdesk.understanding import bot_enabled, do_detect, do_store_understanding
from babeldesk.nlu.understanding import Sentiment, Understanding
from babeldesk.replies.library import render
from tests.bot.conftest import understood
from tests.conftest import Demo

PORTUGUESE = "Meu pedido #1001 ainda não chegou"


@dataclass
class Desk:
    """The demo shop from the worker's side."""

    db: Database
    url: str
    agents: dict[str, Agent]
    runtime: BotRuntime

    @property
    def workspace_id(self) -> int:
        return self.agents["mei"].workspace_id

    async def visitor(self, name: str = "Ana", timezone: str = "America/Sao_Paulo") -> Customer:
        async with self.db.transaction() as conn:
            return await do_create_customer(
                conn, self.workspace_id, region="default", name=name, timezone=timezone
            )

    async def says(self, customer: Customer, body: str, found: Understanding) -> int:
        """The customer writes; the understand stage stores ``found`` as the model's reading."""
        async with self.db.transaction() as conn:
            received = await do_receive_customer_message(
                conn, customer.ref, body, channel=Channel.WEB, max_chars=10_000
            )
            plan = await do_detect(conn, received.message.id)
        assert plan is not None
        async with self.db.transaction() as conn:
            await do_store_understanding(conn, plan, found)
        return received.conversation_id

    async def bot_turn(self, conversation_id: int) -> None:
        async with self.db.transaction() as conn:
            await do_bot_turn(conn, self.runtime, conversation_id)

    async def conversation(self, conversation_id: int) -> Conversation:
        async with self.db.transaction() as conn:
            return await get_conversation(conn, self.workspace_id, conversation_id)

    def thread(self, conversation_id: int) -> list[dict[str, Any]]:
        return rows(
            self.url,
            "SELECT author_type, direction, body, language, intent, angry FROM messages"
            " WHERE conversation_id = %s ORDER BY id",
            conversation_id,
        )

    async def shifts(self, week: dict[str, list[Shift]]) -> None:
        async with self.db.transaction() as conn:
            for key, agent in self.agents.items():
                await do_set_agent_week(conn, self.workspace_id, agent.id, week.get(key, []))


def rows(url: str, sql: str, *params: object) -> list[dict[str, Any]]:
    with psycopg.connect(url) as conn:
        cur = conn.execute(sql, params)
        return [dict(zip([d.name for d in cur.description or ()], r, strict=True)) for r in cur.fetchall()]


def all_week() -> list[Shift]:
    return [Shift(day, time(0), time(0)) for day in range(7)]


@pytest.fixture(name="desk")
async def desk_fixture(db: Database, clean_db: str, demo: Demo) -> Desk:
    return Desk(db, clean_db, demo.agents, BotRuntime(db, ChainCache()))


def feeling(sentiment: Sentiment, *, angry: bool = False, intent: str = "complaint") -> Understanding:
    return Understanding(
        **{
            **understood(intent).__dict__,
            "sentiment": sentiment,
            "angry": angry,
            "anger": 1.0 if angry else 0.0,
            "sentiment_score": -0.8,
        }
    )


async def test_unhappy_customers_go_up_the_inbox_and_never_down(desk: Desk) -> None:
    customer = await desk.visitor()
    cid = await desk.says(customer, "Isto é inaceitável", feeling(Sentiment.NEGATIVE))
    first = await desk.conversation(cid)
    assert (first.priority, first.alert) == ("high", "negative")
    await desk.says(customer, "ESTOU FURIOSO", feeling(Sentiment.NEGATIVE, angry=True))
    await desk.says(customer, "obrigado", feeling(Sentiment.POSITIVE, intent="thanks"))
    last = await desk.conversation(cid)
    assert (last.priority, last.alert) == ("urgent", "angry"), "a calmer message lowers nothing"
    stored = desk.thread(cid)
    assert [(m["intent"], m["angry"]) for m in stored] == [
        ("complaint", False),
        ("complaint", True),
        ("thanks", False),
    ]
    audit = rows(desk.url, "SELECT data FROM audit_log WHERE action = 'conversation.mood' ORDER BY id")
    assert [a["data"] for a in audit] == [
        {"priority": "high", "alert": "negative"},
        {"priority": "urgent", "alert": "angry"},
    ]
    jobs = rows(desk.url, "SELECT lock, args FROM procrastinate_jobs WHERE task_name = 'babeldesk:bot_turn'")
    assert jobs == [{"lock": f"conversation:{cid}", "args": {"conversation_id": cid}}] * 3


async def test_the_bot_verifies_and_tells_where_the_order_is_in_portuguese(desk: Desk) -> None:
    customer = await desk.visitor()
    cid = await desk.says(customer, PORTUGUESE, understood("track_shipment", language="pt"))
    await desk.bot_turn(cid)
    asked = desk.thread(cid)[-1]
    assert (asked["author_type"], asked["direction"], asked["language"]) == ("bot", "outbound", "pt")
    assert "e-mail" in asked["body"].lower(), asked["body"]
    await desk.says(customer, "ana@example.com", understood("other", 0.2, language="pt"))
    await desk.bot_turn(cid)
    answer = " ".join(m["body"] for m in desk.thread(cid)[2:])
    assert "JD014600006281234567" in answer, answer
    assert render("tracking_in_transit", "pt") in answer, answer
    conversation = await desk.conversation(cid)
    assert (conversation.handled_by, conversation.waiting_since) == ("bot", None)
    state = rows(desk.url, "SELECT bot_state FROM conversations WHERE id = %s", cid)[0]["bot_state"]
    inbound = rows(
        desk.url,
        "SELECT max(id) AS id FROM messages WHERE direction = 'inbound' AND conversation_id = %s",
        cid,
    )
    assert state["answered_up_to"] == inbound[0]["id"]
    assert state["dialogue"]["verified"] == ["1001"]
    before = len(desk.thread(cid))
    await desk.bot_turn(cid)
    assert len(desk.thread(cid)) == before, "a turn run again answers nothing twice"


async def test_an_angry_customer_goes_to_the_least_loaded_agent_who_reads_them(desk: Desk) -> None:
    await desk.shifts({"mei": all_week(), "diego": all_week(), "lena": all_week()})
    customer = await desk.visitor("Lucía", "Europe/Madrid")
    cid = await desk.says(
        customer, "¡Es la tercera vez que escribo! ¡Qué vergüenza!", feeling(Sentiment.NEGATIVE, angry=True)
    )
    await desk.bot_turn(cid)
    conversation = await desk.conversation(cid)
    assert conversation.handled_by == "human"
    assert (conversation.status, conversation.priority, conversation.alert) == ("open", "urgent", "angry")
    assert conversation.assignee_id == desk.agents["diego"].id, "Diego reads Spanish"
    assert conversation.handed_off_at is not None and conversation.waiting_since is not None
    messages = desk.thread(cid)
    apology, summary = messages[1], messages[-1]
    assert (apology["author_type"], apology["direction"], apology["language"]) == ("bot", "outbound", "es")
    assert (summary["author_type"], summary["direction"], summary["language"]) == ("bot", "internal", "en")
    assert summary["body"].startswith("Bot hand-off summary"), summary["body"]
    assert "the customer is upset" in summary["body"]
    assert [m["direction"] for m in messages].count("internal") == 1, "one note per first language"
    audit = rows(desk.url, "SELECT data FROM audit_log WHERE action = 'bot.handoff'")
    assert audit == [{"data": {"reason": "angry", "assignee_id": desk.agents["diego"].id}}]


async def test_after_a_hand_off_the_bot_tells_how_long_once_until_an_agent_writes(desk: Desk) -> None:
    await desk.shifts({"mei": all_week(), "diego": all_week(), "lena": all_week()})
    customer = await desk.visitor("Sanne", "Europe/Amsterdam")
    cid = await desk.says(
        customer, "Ik wil een medewerker spreken", understood("request_human", language="nl")
    )
    await desk.bot_turn(cid)
    wait = [
        m["body"] for m in desk.thread(cid) if m["author_type"] == "bot" and m["direction"] == "outbound"
    ][-1]

    async def customer_says(body: str) -> list[dict[str, Any]]:
        before = len(desk.thread(cid))
        await desk.says(customer, body, understood("other", 0.3, language="nl"))
        await desk.bot_turn(cid)
        return desk.thread(cid)[before + 1 :]

    assert await customer_says("Mijn bestelling is 1001, voor de collega") == [], "a detail: the bot is quiet"
    told = await customer_says("Prima. En hoe lang duurt dat dan?")
    assert [(m["author_type"], m["body"]) for m in told] == [("bot", wait)]
    assert await customer_says("Hoe lang nog?") == [], "told once"
    async with desk.db.transaction() as conn:
        await do_send_agent_reply(conn, desk.workspace_id, cid, desk.agents["lena"].id, "Hoi!", max_chars=100)
    async with desk.db.transaction() as conn:
        await conn.execute(update(conversations).where(conversations.c.id == cid).values(bot_state={}))
    assert await customer_says("Hoe lang duurt het?") == [], "a colleague wrote: the bot no longer hears"


async def test_summaries_come_in_each_receiving_agents_first_language(desk: Desk) -> None:
    # Nobody reads Japanese: everyone on shift receives it, Lena (German first) among them.
    await desk.shifts({"diego": all_week(), "lena": all_week()})
    customer = await desk.visitor("Ken", "Asia/Tokyo")
    cid = await desk.says(customer, "人と話したいです", understood("request_human", language="ja"))
    await desk.bot_turn(cid)
    notes = [m for m in desk.thread(cid) if m["direction"] == "internal"]
    assert sorted(n["language"] for n in notes) == ["de", "en"]
    assert (await desk.conversation(cid)).priority == "normal"


async def test_off_hours_the_bot_says_when_and_books_a_callback(desk: Desk) -> None:
    # A Monday at 03:00 UTC; only Diego works, Mondays 9–17 in Mexico City (15:00–23:00 UTC).
    monday = datetime(2025, 3, 10, 3, 0, tzinfo=UTC)
    desk.runtime = BotRuntime(desk.db, ChainCache(), clock=lambda: monday)
    await desk.shifts({"diego": [Shift(0, time(9), time(17))]})
    async with desk.db.transaction() as conn:
        await conn.execute(
            update(workspaces).values(
                settings={
                    "business_hours": {
                        "default": {"timezone": "America/Mexico_City", "week": {"mon": ["09:00-17:00"]}}
                    }
                }
            )
        )
    customer = await desk.visitor("Ana", "America/Sao_Paulo")
    cid = await desk.says(customer, "Quero falar com uma pessoa", understood("request_human", language="pt"))
    await desk.bot_turn(cid)
    said = " ".join(m["body"] for m in desk.thread(cid) if m["direction"] == "outbound")
    # 9:00 in Mexico City is 12:00 in São Paulo; callbacks at 12:00, 14:00, 16:00 São Paulo time.
    assert "12:00" in said and "14:00" in said and "16:00" in said, said
    conversation = await desk.conversation(cid)
    assert conversation.handled_by == "human"
    await desk.says(customer, "2, no +55 11 91234 5678", understood("other", 0.3, language="pt"))
    await desk.bot_turn(cid)
    booked = rows(desk.url, "SELECT scheduled_for, phone, timezone, status FROM callbacks")
    assert booked == [
        {
            "scheduled_for": datetime(2025, 3, 10, 17, 0, tzinfo=UTC),
            "phone": "+55 11 91234 5678",
            "timezone": "America/Sao_Paulo",
            "status": "scheduled",
        }
    ]
    assert "+55 11 91234 5678" in desk.thread(cid)[-1]["body"]
    assert (await desk.conversation(cid)).waiting_since is not None, "still waiting for a person"
    audit = rows(desk.url, "SELECT data FROM audit_log WHERE action = 'bot.book_callback'")
    assert len(audit) == 1


async def test_an_agents_reply_silences_the_bot_until_handed_back(desk: Desk) -> None:
    customer = await desk.visitor()
    cid = await desk.says(customer, "Olá", understood("greeting", language="pt"))
    async with desk.db.transaction() as conn:
        await do_send_agent_reply(conn, desk.workspace_id, cid, desk.agents["mei"].id, "Hi!", max_chars=100)
    await desk.bot_turn(cid)
    assert [m["author_type"] for m in desk.thread(cid)] == ["customer", "agent"], "the bot stays silent"
    assert (await desk.conversation(cid)).handled_by == "human"
    await desk.says(customer, "Ainda aí?", understood("other", language="pt"))
    async with desk.db.transaction() as conn:
        back = await do_hand_back_to_bot(conn, desk.workspace_id, cid, actor_agent_id=desk.agents["mei"].id)
    assert (back.handled_by, back.assignee_id, back.alert) == ("bot", None, None)
    await desk.bot_turn(cid)
    assert len(desk.thread(cid)) == 3, "what came before the hand-back was the agents' to answer"
    await desk.says(customer, "Obrigado!", understood("thanks", language="pt"))
    await desk.bot_turn(cid)
    assert desk.thread(cid)[-1]["author_type"] == "bot"


async def test_a_turn_that_fails_hands_the_customer_to_people(desk: Desk) -> None:
    await desk.shifts({"mei": all_week(), "diego": all_week(), "lena": all_week()})
    async with desk.db.transaction() as conn:
        broken = {"commerce": {"store": {"kind": "no-such-store"}}}
        await conn.execute(update(workspaces).values(settings=broken))
    customer = await desk.visitor()
    cid = await desk.says(customer, PORTUGUESE, understood("delivery_delay", language="pt"))
    await run_bot_turn(desk.runtime, cid)
    conversation = await desk.conversation(cid)
    assert (conversation.handled_by, conversation.priority) == ("human", "high")
    told = [m for m in desk.thread(cid) if m["direction"] == "outbound"]
    assert [(m["author_type"], m["body"]) for m in told] == [("bot", render("handoff", "pt"))]
    notes = {m["language"]: m["body"] for m in desk.thread(cid) if m["direction"] == "internal"}
    assert render("reason_failed", "en") in notes["en"], "the summary says why"


async def test_a_disabled_bot_says_nothing(desk: Desk) -> None:
    async with desk.db.transaction() as conn:
        await conn.execute(update(workspaces).values(settings={"bot": {"enabled": False}}))
    customer = await desk.visitor()
    cid = await desk.says(customer, PORTUGUESE, feeling(Sentiment.NEGATIVE, angry=True))
    await desk.bot_turn(cid)
    assert [m["author_type"] for m in desk.thread(cid)] == ["customer"]
    assert (await desk.conversation(cid)).priority == "urgent", "understanding works without the bot"
    assert rows(desk.url, "SELECT id FROM procrastinate_jobs WHERE task_name = 'babeldesk:bot_turn'") == []


async def test_the_demo_history_belongs_to_the_agents(desk: Desk) -> None:
    async with desk.db.transaction() as conn:
        handlers = set((await conn.execute(select(conversations.c.handled_by))).scalars())
        settings = await conn.scalar(select(workspaces.c.settings))
    assert settings is not None
    assert handlers == {"human"}, "the bot answers new visitors, not the seeded history"
    assert bot_enabled(settings), "the demo shop has the bot on"
    lucia = rows(desk.url, "SELECT email FROM customers WHERE name = 'Lucía Fernández'")
    assert lucia == [{"email": "ana@example.com"}], "the demo customer who asks about #1001 placed it"
    hours = rows(desk.url, "SELECT agent_id, count(*) AS n FROM agent_shifts GROUP BY agent_id")
    assert len(hours) == len(desk.agents)
