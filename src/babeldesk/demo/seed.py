"""``babeldesk demo``: load the demo shop into an empty database, through the same actions the
product uses, so the demo behaves exactly like real data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.bot.availability import do_set_agent_week
from babeldesk.commerce.demo import seed_demo_orders
from babeldesk.core.conversations import Channel, Role
from babeldesk.core.hours import parse_week
from babeldesk.db.tables import conversations, workspaces
from babeldesk.helpdesk.conversations import do_update_conversation
from babeldesk.helpdesk.customers import do_attach_identity, do_create_customer
from babeldesk.helpdesk.messages import do_receive_customer_message, do_send_agent_reply
from babeldesk.helpdesk.records import Agent, LanguageSkill
from babeldesk.helpdesk.workspaces import do_create_agent, do_create_team, do_create_workspace

DEMO_PASSWORD = "demo-password"  # noqa: S105 - printed by `make run` for the demo agents
MAX_CHARS = 10_000


@dataclass(frozen=True)
class DemoAgent:
    key: str
    name: str
    email: str
    role: Role
    timezone: str
    languages: tuple[str, ...]
    team: str
    week: dict[str, list[str]]  # working hours in ``timezone``


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
DEMO_AGENTS = (
    DemoAgent(
        "mei",
        "Mei Lin",
        "mei@demo-shop.example",
        Role.ADMIN,
        "Asia/Shanghai",
        ("en", "zh"),
        "Asia",
        {day: ["09:00-18:00"] for day in _WEEKDAYS},
    ),
    DemoAgent(
        "diego",
        "Diego Ramírez",
        "diego@demo-shop.example",
        Role.SUPERVISOR,
        "America/Mexico_City",
        ("en", "es"),
        "Americas",
        {**{day: ["09:00-18:00"] for day in _WEEKDAYS}, "sat": ["10:00-14:00"]},
    ),
    DemoAgent(
        "lena",
        "Lena Vogel",
        "lena@demo-shop.example",
        Role.AGENT,
        "Europe/Berlin",
        ("de", "fr"),
        "Europe",
        {day: ["08:00-17:00"] for day in _WEEKDAYS},
    ),
)
# Order #1001 in the demo store was placed with this address: Lucía asks about it in the demo.
DEMO_CONTACTS = {"Lucía Fernández": "ana@example.com"}
_DEFER_ARTICLES = text(
    "SELECT procrastinate_defer_jobs_v1(ARRAY[ROW('maintenance', 'babeldesk:seed_demo_articles', 0, NULL, "
    "NULL, CAST(:args AS jsonb), NULL)::procrastinate_job_to_defer_v1])"
)


async def is_empty(conn: AsyncConnection) -> bool:
    return await conn.scalar(select(func.count()).select_from(workspaces)) == 0


async def seed_demo(conn: AsyncConnection, region: str = "default") -> dict[str, Agent]:
    workspace = await do_create_workspace(conn, slug="demo-shop", name="Demo Shop", region=region)
    teams = {name: await do_create_team(conn, workspace.id, name) for name in ("Asia", "Americas", "Europe")}
    agents: dict[str, Agent] = {}
    for spec in DEMO_AGENTS:
        agents[spec.key] = await do_create_agent(
            conn,
            workspace.id,
            email=spec.email,
            name=spec.name,
            password=DEMO_PASSWORD,
            role=spec.role,
            timezone=spec.timezone,
            languages=[LanguageSkill(code=code, proficiency="native") for code in spec.languages],
            team_ids=[teams[spec.team].id],
        )
        await do_set_agent_week(conn, workspace.id, agents[spec.key].id, parse_week(spec.week))
    script = json.loads((Path(__file__).parent / "conversations.json").read_text(encoding="utf-8"))
    for number, thread in enumerate(script, start=1):
        known = thread["customer"]
        known = {**known, "email": DEMO_CONTACTS.get(known["name"], known.get("email"))}
        customer = await do_create_customer(conn, workspace.id, region=region, **known)
        await do_attach_identity(conn, customer, Channel.WEB, f"demo-visitor-{number}")
        conversation_id = 0
        for message in thread["messages"]:
            if message["from"] == "customer":
                received = await do_receive_customer_message(
                    conn, customer.ref, message["body"], channel=Channel.WEB, max_chars=MAX_CHARS
                )
                conversation_id = received.conversation_id
            else:
                agent = agents[message["agent"]]
                await do_send_agent_reply(
                    conn, workspace.id, conversation_id, agent.id, message["body"], max_chars=MAX_CHARS
                )
        changes = {k: thread[k] for k in ("priority", "status") if k in thread}
        if changes:
            await do_update_conversation(conn, workspace.id, conversation_id, changes, actor_agent_id=None)
    # The demo's history is the agents' inbox; the bot answers the visitors who come next.
    await conn.execute(
        update(conversations).where(conversations.c.workspace_id == workspace.id).values(handled_by="human")
    )
    await seed_demo_orders(conn, workspace.id)
    # Embedding the help articles takes a while on two cores: the worker does it, not the caller.
    await conn.execute(_DEFER_ARTICLES, {"args": json.dumps({"workspace_id": workspace.id})})
    return agents
