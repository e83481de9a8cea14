"""Staffing over the database: who is on shift, when the next agent starts, and callbacks.

Agents keep weekly hours in their own timezones (``agent_shifts``); a workspace where nobody has
set hours does not use schedules, and everyone counts as working. Business hours per region, for
callbacks, are in the workspace settings::

    "business_hours": {"default": {"timezone": "Europe/Berlin", "week": {"mon": ["09:00-18:00"]}}}

Without them, callbacks fall inside the agents' hours, or weekdays 9:00–18:00 for the customer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.bot.context import Staffing
from babeldesk.core.conversations import Status
from babeldesk.core.errors import DomainError, ErrorCode
from babeldesk.core.hours import (
    HoursError,
    Shift,
    WeeklyHours,
    callback_slots,
    earliest_opening,
    is_open,
    parse_week,
    zone,
)
from babeldesk.db.bot_tables import agent_shifts, callbacks
from babeldesk.db.tables import agents, conversations
from babeldesk.language.translate.base import base_language

log = logging.getLogger(__name__)

DEFAULT_BUSINESS_WEEK = {day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")}
DEFAULT_TYPICAL_WAIT = timedelta(hours=3)  # "a few hours"
_DIGITS = re.compile(r"\d")
MAX_NOTE_CHARS = 2000


@dataclass(frozen=True)
class Staff:
    agent_id: int
    languages: tuple[str, ...]  # base codes the agent reads, their first language first
    hours: WeeklyHours | None  # None: the agent has not set working hours


@dataclass(frozen=True)
class Roster:
    staff: tuple[Staff, ...]

    @property
    def scheduled(self) -> bool:
        return any(s.hours is not None for s in self.staff)

    def working(self, at: datetime, among: Sequence[Staff] | None = None) -> list[Staff]:
        pool = self.staff if among is None else among
        if not self.scheduled:
            return list(pool)
        return [s for s in pool if s.hours is not None and is_open(s.hours, at)]

    def readers(self, language: str | None, among: Sequence[Staff] | None = None) -> list[Staff]:
        """Who reads ``language``; everyone when nobody does (or the language is not known)."""
        pool = list(self.staff if among is None else among)
        wanted = base_language(language or "")
        found = [s for s in pool if wanted in s.languages]
        return found or pool

    def next_start(self, among: Sequence[Staff], at: datetime) -> datetime | None:
        return earliest_opening([s.hours for s in among if s.hours is not None], at)


async def load_roster(conn: AsyncConnection, workspace_id: int) -> Roster:
    rows = (
        await conn.execute(
            select(
                agents.c.id,
                agents.c.timezone,
                agents.c.languages,
                agent_shifts.c.weekday,
                agent_shifts.c.starts,
                agent_shifts.c.ends,
            )
            .outerjoin(agent_shifts, agent_shifts.c.agent_id == agents.c.id)
            .where(agents.c.workspace_id == workspace_id, agents.c.is_active)
            .order_by(agents.c.id, agent_shifts.c.weekday, agent_shifts.c.starts)
        )
    ).all()
    shifts: dict[int, list[Shift]] = {}
    first: dict[int, Any] = {}
    for row in rows:
        first.setdefault(row.id, row)
        found = shifts.setdefault(row.id, [])
        if row.weekday is not None:
            found.append(Shift(row.weekday, row.starts, row.ends))
    return Roster(tuple(_staff(first[agent_id], tuple(found)) for agent_id, found in shifts.items()))


def _staff(row: Any, shifts: tuple[Shift, ...]) -> Staff:
    readable = [base_language(s["code"]) for s in row.languages if s.get("read", True) and s.get("code")]
    hours = WeeklyHours(row.timezone, shifts) if shifts else None
    return Staff(row.id, tuple(dict.fromkeys(readable)), hours)


def business_hours(settings: Mapping[str, Any], region: str) -> list[WeeklyHours]:
    """The region's business hours (or the ``default`` entry's); empty when none are set or valid."""
    configured = settings.get("business_hours")
    if not isinstance(configured, Mapping):
        return []
    entry = configured.get(region) or configured.get("default")
    if not isinstance(entry, Mapping):
        return []
    try:
        hours = WeeklyHours(str(entry.get("timezone", "UTC")), parse_week(entry.get("week") or {}))
        zone(hours.timezone)
    except HoursError as exc:
        log.warning("ignoring business hours for region %s: %s", region, exc)
        return []
    return [hours]


def typical_wait(settings: Mapping[str, Any]) -> timedelta:
    minutes = (settings.get("bot") or {}).get("typical_wait_minutes")
    if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
        return timedelta(minutes=minutes)
    return DEFAULT_TYPICAL_WAIT


@dataclass(frozen=True)
class CallbackScope:
    """Whose callback a booking is: one conversation's customer."""

    workspace_id: int
    customer_id: int
    conversation_id: int
    region: str
    customer_timezone: str | None


class DatabaseAvailability:
    """E1's ``Availability`` for one conversation, inside the bot turn's transaction."""

    def __init__(
        self, conn: AsyncConnection, scope: CallbackScope, roster: Roster, settings: Mapping[str, Any]
    ) -> None:
        self.conn = conn
        self.scope = scope
        self.roster = roster
        self.settings = settings

    async def status(self, language: str, now: datetime) -> Staffing:
        readers = self.roster.readers(language)
        if self.roster.working(now, readers):
            return Staffing(True, None, typical_wait(self.settings))
        return Staffing(False, self.roster.next_start(readers, now), None)

    async def callback_slots(self, customer_timezone: str | None, now: datetime) -> list[datetime]:
        business = business_hours(self.settings, self.scope.region)
        if not business:
            business = [s.hours for s in self.roster.staff if s.hours is not None]
        timezone = _valid_zone(customer_timezone) or (business[0].timezone if business else "UTC")
        if not business:
            business = [WeeklyHours(timezone, parse_week(DEFAULT_BUSINESS_WEEK))]
        return callback_slots(business, timezone, now)

    async def book_callback(self, when: datetime, phone: str, note: str) -> None:
        if when.tzinfo is None:
            raise DomainError(ErrorCode.INVALID_VALUE, "a callback time needs a timezone")
        if len(_DIGITS.findall(phone)) < 6:
            raise DomainError(ErrorCode.INVALID_VALUE, f"{phone!r} is not a phone number")
        await self.conn.execute(
            insert(callbacks).values(
                workspace_id=self.scope.workspace_id,
                customer_id=self.scope.customer_id,
                conversation_id=self.scope.conversation_id,
                region=self.scope.region,
                scheduled_for=when,
                phone=phone.strip(),
                timezone=_valid_zone(self.scope.customer_timezone),
                note=note[:MAX_NOTE_CHARS],
            )
        )


def _valid_zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        zone(name)
    except HoursError:
        return None
    return name


async def get_agent_week(conn: AsyncConnection, agent_id: int) -> tuple[Shift, ...]:
    rows = await conn.execute(
        select(agent_shifts.c.weekday, agent_shifts.c.starts, agent_shifts.c.ends)
        .where(agent_shifts.c.agent_id == agent_id)
        .order_by(agent_shifts.c.weekday, agent_shifts.c.starts)
    )
    return tuple(Shift(r.weekday, r.starts, r.ends) for r in rows)


async def do_set_agent_week(
    conn: AsyncConnection, workspace_id: int, agent_id: int, shifts: Sequence[Shift]
) -> None:
    """Replace an agent's weekly hours (in their own timezone, ``agents.timezone``)."""
    found = await conn.scalar(
        select(agents.c.id).where(agents.c.id == agent_id, agents.c.workspace_id == workspace_id)
    )
    if found is None:
        raise DomainError(ErrorCode.NOT_FOUND, f"agent {agent_id} not found")
    await conn.execute(delete(agent_shifts).where(agent_shifts.c.agent_id == agent_id))
    if shifts:
        await conn.execute(
            insert(agent_shifts),
            [
                {"agent_id": agent_id, "weekday": x.weekday, "starts": x.starts, "ends": x.ends}
                for x in shifts
            ],
        )


@dataclass(frozen=True)
class Receivers:
    agents: list[Staff]  # everyone who should read the hand-off summary
    assignee: Staff | None  # who takes the conversation


async def pick_receivers(conn: AsyncConnection, roster: Roster, language: str, now: datetime) -> Receivers:
    """Agents on shift (everyone, when nobody is) who read ``language`` (any of them, when none
    does); the one with the fewest open conversations takes it."""
    chosen = roster.readers(language, roster.working(now) or roster.staff)
    rows = await conn.execute(
        select(conversations.c.assignee_id, func.count())
        .where(
            conversations.c.assignee_id.in_([s.agent_id for s in chosen]),
            conversations.c.status == Status.OPEN,
        )
        .group_by(conversations.c.assignee_id)
    )
    loads = {row[0]: row[1] for row in rows}
    return Receivers(chosen, min(chosen, key=lambda s: (loads.get(s.agent_id, 0), s.agent_id), default=None))
