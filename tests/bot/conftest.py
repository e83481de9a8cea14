"""A shop for the bot tests: the built-in store on the test PostgreSQL, holding the orders of the
dialogue data set, and a ``Chat`` that plays customer turns against the bot."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from babeldesk.bot.context import BotContext, Contact, Outcome, Turn
from babeldesk.bot.manager import respond
from babeldesk.bot.policy import policy_from_settings
from babeldesk.bot.scripted import KbEntry, ScriptedKnowledge, ScriptedTeam
from babeldesk.bot.state import BotState
from babeldesk.commerce.builtin import BuiltinCarrier, BuiltinStore
from babeldesk.commerce.importer import do_import_orders
from babeldesk.commerce.records import OrderRecord
from babeldesk.db.engine import Database
from babeldesk.eval.dialogues import DEFAULT_DATA
from babeldesk.eval.report import read_jsonl
from babeldesk.helpdesk.workspaces import do_create_workspace
from babeldesk.nlu.embed import Space
from babeldesk.nlu.understanding import Sentiment, Understanding

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
EMAIL = "ana@example.com"
SETTINGS: dict[str, Any] = {
    "bot": {
        "policy": {
            "return_window_days": 30,
            "changed_mind_return_paid_by": "customer",
            "ship_within_days": 2,
            "currency": "EUR",
            "customs_origin": "ES",
            "free_shipping_over": "100",
            "shipping": [
                {"countries": ["ES"], "cost": "3.90", "transit_days": "1-2"},
                {"countries": ["*"], "cost": "19.90", "transit_days": "7-14", "free_over": "200"},
            ],
        }
    }
}
KB = (
    KbEntry("Size guide", "Our T-shirts run true to size.", ("size", "talla")),
    KbEntry("Gift wrapping", "", ("gift wrap",), only_in="de"),
)


def dataset_orders() -> dict[str, dict[str, Any]]:
    """The dialogue data set's orders, by number (#1001 shipped, #1002 paid, #1003 delivered …), as its
    first conversations hold them: later ones reuse the numbers for customers of their own."""
    orders: dict[str, dict[str, Any]] = {}
    for row in read_jsonl(DEFAULT_DATA):
        for order in row.get("orders", []):
            orders.setdefault(order["number"], order)
    return orders


def understood(
    intent: str = "other",
    confidence: float = 0.9,
    *,
    angry: bool = False,
    anger: float | None = None,
    language: str | None = None,
    runner_up: str | None = None,
) -> Understanding:
    return Understanding(
        language=language,
        intent=intent,
        confidence=confidence,
        runner_up=runner_up,
        sentiment=Sentiment.NEGATIVE if angry else Sentiment.NEUTRAL,
        sentiment_score=-0.9 if angry else 0.0,
        angry=angry,
        anger=(1.0 if angry else 0.0) if anger is None else anger,
        urgent=False,
        space=Space.USE,
        vector=np.zeros(0, dtype=np.float32),
    )


@dataclass
class Chat:
    """One conversation: each ``send`` is a customer turn; the state carries over."""

    ctx: BotContext
    team: ScriptedTeam
    contact: Contact = field(default_factory=Contact)
    language: str = "en"
    state: BotState = field(default_factory=BotState)
    said: list[Outcome] = field(default_factory=list)

    async def send(
        self,
        text: str,
        intent: str = "other",
        confidence: float = 0.9,
        *,
        angry: bool = False,
        anger: float | None = None,
        images: int = 0,
        language: str | None = None,
        runner_up: str | None = None,
    ) -> Outcome:
        language = language or self.language
        said = understood(
            intent, confidence, angry=angry, anger=anger, language=language, runner_up=runner_up
        )
        turn = Turn(text, language, said, self.contact, images)
        now = self.ctx.now + timedelta(minutes=len(self.said))
        outcome = await respond(self.state, turn, dataclasses.replace(self.ctx, now=now))
        self.state = outcome.state
        self.said.append(outcome)
        return outcome


@dataclass(frozen=True)
class Shop:
    db: Database
    workspace_id: int
    store: BuiltinStore
    carrier: BuiltinCarrier

    def chat(self, *, team: dict[str, Any] | None = None, contact: Contact | None = None,
             settings: dict[str, Any] | None = None, **options: Any) -> Chat:  # fmt: skip
        scripted_team = ScriptedTeam(team or {"open": True, "wait_minutes": 5})
        ctx = BotContext(
            self.store, self.carrier, ScriptedKnowledge(KB), policy_from_settings(settings or SETTINGS),
            scripted_team, "Demo Shop", NOW, **options,
        )  # fmt: skip
        return Chat(ctx, scripted_team, contact or Contact())


@pytest.fixture
async def shop(db: Database) -> Shop:
    records = [OrderRecord.model_validate(order) for order in dataset_orders().values()]
    async with db.transaction() as conn:
        workspace = await do_create_workspace(conn, slug="bot-shop", name="Bot Shop", region="default")
        await do_import_orders(conn, workspace.id, records)
    return Shop(db, workspace.id, BuiltinStore(db, workspace.id), BuiltinCarrier(db, workspace.id))
