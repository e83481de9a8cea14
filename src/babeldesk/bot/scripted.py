"""Scripted conversations for replaying against the bot (``babeldesk eval dialogues`` and the tests).

One JSON object per conversation::

    {"id": "es-cancel", "language": "es", "now": "2025-03-10T12:00:00Z",
     "contact": {"timezone": "Europe/Madrid"},            # what the channel vouches for (optional)
     "settings": {"bot": {"policy": {...}}},              # the workspace's settings (optional)
     "orders": [ ...orders as ``commerce.records.OrderRecord`` JSON... ],
     "kb": [{"title": "Sizes", "text": "...", "match": ["talla"], "only_in": null}],
     "team": {"open": false, "opens_at": "...", "callback_slots": ["..."], "wait_minutes": 5},
     "turns": [{"text": "...", "intent": "cancel_order", "confidence": 0.9, "angry": false,
                "sentiment": "neutral", "images": 0, "language": "es",
                "expect": {"keys": ["cancel_confirm", "a|b"], "forbid": ["cancel_done"],
                           "handoff": "requested", "action": "cancel_order", "language": "es"}}]}

An expected key ``a|b`` is met by either. ``intent``, ``confidence``, ``angry`` and ``sentiment``
are the gold understanding, used when no intent model is given. Per turn, a missing ``handoff`` means
none is expected, a missing ``action`` means the turn must change nothing in the store or the calendar.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from babeldesk.bot.context import Contact, KbAnswer, Staffing
from babeldesk.nlu.embed import Space
from babeldesk.nlu.understanding import INTENTS, Sentiment, Understanding

# Actions that change something outside the conversation; verifying an order changes nothing.
CHANGES = frozenset({"cancel_order", "change_address", "create_return", "book_callback"})
Understand = Callable[[Sequence[str], Sequence[str | None]], Sequence[Understanding]]


class ScriptError(ValueError):
    """A scripted conversation is malformed; the message names the conversation and the field."""


@dataclass(frozen=True)
class Expect:
    keys: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    handoff: str | None = None
    action: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ScriptTurn:
    text: str
    gold: Understanding
    language: str | None
    images: int
    expect: Expect


@dataclass(frozen=True)
class KbEntry:
    title: str
    text: str
    match: tuple[str, ...]
    only_in: str | None = None


@dataclass(frozen=True)
class Script:
    id: str
    language: str
    now: datetime
    turns: tuple[ScriptTurn, ...]
    orders: tuple[Mapping[str, Any], ...] = ()
    contact: Contact = field(default_factory=Contact)
    settings: Mapping[str, Any] = field(default_factory=dict)
    kb: tuple[KbEntry, ...] = ()
    team: Mapping[str, Any] = field(default_factory=dict)

    @property
    def expects_handoff(self) -> bool:
        return any(turn.expect.handoff for turn in self.turns)


class ScriptedKnowledge:
    """A knowledge base of a few entries, each found by any of its ``match`` words."""

    def __init__(self, entries: Sequence[KbEntry]) -> None:
        self.entries = entries

    async def answer(self, text: str, language: str, understanding: Understanding) -> KbAnswer | None:
        folded = text.casefold()
        for entry in self.entries:
            if any(word.casefold() in folded for word in entry.match):
                return KbAnswer(entry.title, "" if entry.only_in else entry.text, entry.only_in)
        return None


class ScriptedTeam:
    """Staffing as the script says: open or not, when it opens, which callback times it offers."""

    def __init__(self, team: Mapping[str, Any]) -> None:
        self.open = bool(team.get("open", True))
        self.opens_at = _when(team.get("opens_at"), "team.opens_at") if team.get("opens_at") else None
        self.slots = [_when(s, "team.callback_slots") for s in team.get("callback_slots", [])]
        wait = team.get("wait_minutes")
        self.wait = timedelta(minutes=wait) if isinstance(wait, int) else None
        self.booked: list[tuple[datetime, str, str]] = []

    async def status(self, language: str, now: datetime) -> Staffing:
        return Staffing(self.open, None if self.open else self.opens_at, self.wait if self.open else None)

    async def callback_slots(self, customer_timezone: str | None, now: datetime) -> list[datetime]:
        return list(self.slots)

    async def book_callback(self, when: datetime, phone: str, note: str) -> None:
        self.booked.append((when, phone, note))


def parse_script(row: Mapping[str, Any]) -> Script:
    name = str(row.get("id") or "?")
    try:
        turns = row["turns"]
        if not isinstance(turns, list) or not turns:
            raise ScriptError("turns must be a non-empty list")
        return Script(
            id=name,
            language=str(row["language"]),
            now=_when(row["now"], "now"),
            turns=tuple(_turn(t, i) for i, t in enumerate(turns, 1)),
            orders=tuple(row.get("orders", [])),
            contact=Contact(**row.get("contact", {})),
            settings=row.get("settings", {}),
            kb=tuple(_kb_entry(entry) for entry in row.get("kb", [])),
            team=row.get("team", {}),
        )
    except (KeyError, TypeError) as exc:
        raise ScriptError(f"conversation {name}: missing or malformed {exc}") from None
    except ScriptError as exc:
        raise ScriptError(f"conversation {name}: {exc}") from None


def _turn(raw: Mapping[str, Any], index: int) -> ScriptTurn:
    intent = raw.get("intent", "other")
    if intent not in INTENTS:
        raise ScriptError(f"turn {index}: unknown intent {intent!r}")
    expect = raw.get("expect", {})
    language = raw.get("language")
    gold = Understanding(
        language=language,
        intent=intent,
        confidence=float(raw.get("confidence", 0.9)),
        runner_up=None,
        sentiment=Sentiment(raw.get("sentiment", "neutral")),
        sentiment_score=-0.8 if raw.get("angry") else 0.0,
        angry=bool(raw.get("angry", False)),
        anger=1.0 if raw.get("angry") else 0.0,
        urgent=False,
        # Gold understandings carry no embedding; a knowledge base embeds the question itself then.
        space=Space.USE,
        vector=np.zeros(0, dtype=np.float32),
    )
    return ScriptTurn(
        text=str(raw["text"]),
        gold=gold,
        language=language,
        images=int(raw.get("images", 0)),
        expect=Expect(
            keys=tuple(expect.get("keys", ())),
            forbid=tuple(expect.get("forbid", ())),
            handoff=expect.get("handoff"),
            action=expect.get("action"),
            language=expect.get("language"),
        ),
    )


def _kb_entry(raw: Mapping[str, Any]) -> KbEntry:
    return KbEntry(str(raw["title"]), str(raw.get("text", "")), tuple(raw["match"]), raw.get("only_in"))


def _when(value: object, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise ScriptError(f"{where}: {value!r} is not an ISO date and time") from None
    if moment.tzinfo is None:
        raise ScriptError(f"{where}: {value!r} needs a timezone")
    return moment
