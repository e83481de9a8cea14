"""``babeldesk demo``: load the demo shop into an empty database, through the same actions the
product uses, so the demo behaves exactly like real data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.core.conversations import Channel, Role
from babeldesk.db.tables import workspaces
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


DEMO_AGENTS = (
    DemoAgent("mei", "Mei Lin", "mei@demo-shop.example", Role.ADMIN, "Asia/Shanghai", ("en", "zh"), "Asia"),
    DemoAgent(
        "diego",
        "Diego Ramírez",
        "diego@demo-shop.example",
        Role.SUPERVISOR,
        "America/Mexico_City",
        ("en", "es"),
        "Americas",
    ),
    DemoAgent(
        "lena", "Lena Vogel", "lena@demo-shop.example", Role.AGENT, "Europe/Berlin", ("de", "fr"), "Europe"
    ),
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
    script = json.loads((Path(__file__).parent / "conversations.json").read_text(encoding="utf-8"))
    for number, thread in enumerate(script, start=1):
        customer = await do_create_customer(conn, workspace.id, region=region, **thread["customer"])
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
    return agents
