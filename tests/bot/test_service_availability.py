"""Staffing over the database: who is on shift, when the next agent who reads the customer starts,
callback times in the customer's timezone, bookings, and who receives a hand-off."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import update

from babeldesk.bot.availability import (
    DEFAULT_TYPICAL_WAIT,
    CallbackScope,
    DatabaseAvailability,
    load_roster,
    pick_receivers,
)
from babeldesk.bot.context import Staffing
from babeldesk.core.errors import DomainError
from babeldesk.core.hours import Shift
from babeldesk.db.engine import Database
from babeldesk.db.tables import agents
from tests.bot.conftest import understood
from tests.bot.test_service import Desk, all_week, desk_fixture, rows  # noqa: F401 - the fixture

# Wednesday 12 March 2025, 16:00 UTC: 10:00 in Mexico City, 17:00 in Berlin, 00:00 in Shanghai.
WEDNESDAY = datetime(2025, 3, 12, 16, 0, tzinfo=UTC)
NINE_TO_FIVE = [Shift(day, time(9), time(17)) for day in range(5)]


async def staffing(
    desk: Desk, language: str, at: datetime, settings: dict[str, object] | None = None
) -> Staffing:
    async with desk.db.transaction() as conn:
        roster = await load_roster(conn, desk.workspace_id)
        team = DatabaseAvailability(conn, _scope(desk), roster, settings or {})
        return await team.status(language, at)


def _scope(desk: Desk) -> CallbackScope:
    return CallbackScope(desk.workspace_id, 0, 0, "default", "America/Sao_Paulo")


async def test_the_team_is_open_when_someone_who_reads_the_customer_works(desk: Desk) -> None:
    await desk.shifts({"mei": NINE_TO_FIVE, "diego": NINE_TO_FIVE, "lena": NINE_TO_FIVE})
    spanish = await staffing(desk, "es", WEDNESDAY, {"bot": {"typical_wait_minutes": 20}})
    assert spanish == (True, None, timedelta(minutes=20)), "Diego works at 10:00 in Mexico City"
    german = await staffing(desk, "de", WEDNESDAY)
    # Lena left at 17:00 Berlin; she is back Thursday 9:00 Berlin (08:00 UTC).
    assert german == (False, datetime(2025, 3, 13, 8, 0, tzinfo=UTC), None)
    # Nobody reads Thai: anyone working will take it.
    assert await staffing(desk, "th", WEDNESDAY) == (True, None, DEFAULT_TYPICAL_WAIT)


async def test_without_any_hours_set_everyone_counts_as_working(desk: Desk) -> None:
    await desk.shifts({})
    assert await staffing(desk, "de", WEDNESDAY) == (True, None, DEFAULT_TYPICAL_WAIT)


async def test_inactive_agents_do_not_count(desk: Desk) -> None:
    await desk.shifts({"mei": all_week(), "diego": all_week(), "lena": all_week()})
    async with desk.db.transaction() as conn:
        await conn.execute(
            update(agents).where(agents.c.id == desk.agents["diego"].id).values(is_active=False)
        )
    # Nobody active reads Spanish now, so the others take it.
    assert (await staffing(desk, "es", WEDNESDAY)).open
    async with desk.db.transaction() as conn:
        roster = await load_roster(conn, desk.workspace_id)
    assert {s.agent_id for s in roster.staff} == {desk.agents["mei"].id, desk.agents["lena"].id}


async def test_callbacks_are_offered_in_business_hours_in_the_customers_time(desk: Desk) -> None:
    business = {
        "business_hours": {"default": {"timezone": "Europe/Berlin", "week": {"thu": ["14:00-18:00"]}}}
    }
    async with desk.db.transaction() as conn:
        roster = await load_roster(conn, desk.workspace_id)
        team = DatabaseAvailability(conn, _scope(desk), roster, business)
        slots = await team.callback_slots("America/Sao_Paulo", WEDNESDAY)
        unknown_zone = await team.callback_slots("Nowhere/Land", WEDNESDAY)
    # Thursday 14:00 Berlin is 10:00 in São Paulo.
    assert [s.isoformat() for s in slots] == [
        "2025-03-13T10:00:00-03:00",
        "2025-03-13T12:00:00-03:00",
    ]
    assert unknown_zone[0].tzinfo == ZoneInfo("Europe/Berlin"), (
        "an unknown timezone falls back to the office's"
    )


async def test_without_business_hours_callbacks_follow_the_agents_hours(desk: Desk) -> None:
    await desk.shifts({"diego": [Shift(3, time(9), time(11))]})  # Thursdays 9–11 in Mexico City
    async with desk.db.transaction() as conn:
        roster = await load_roster(conn, desk.workspace_id)
        slots = await DatabaseAvailability(conn, _scope(desk), roster, {}).callback_slots(None, WEDNESDAY)
    assert [s.isoformat() for s in slots] == ["2025-03-13T09:00:00-06:00"]


async def test_a_booked_callback_is_stored_and_bad_ones_are_refused(desk: Desk, db: Database) -> None:
    customer = await desk.visitor("Ana", "America/Sao_Paulo")
    cid = await desk.says(customer, "Olá", understood("greeting", language="pt"))
    scope = CallbackScope(desk.workspace_id, customer.id, cid, "default", "America/Sao_Paulo")
    when = datetime(2025, 3, 13, 13, 0, tzinfo=UTC)
    async with db.transaction() as conn:
        team = DatabaseAvailability(conn, scope, await load_roster(conn, desk.workspace_id), {})
        await team.book_callback(when, "+55 11 91234 5678", "order_status; #1001")
        for bad_when, bad_phone in ((when, "call me"), (when.replace(tzinfo=None), "+55 11 91234 5678")):
            with pytest.raises(DomainError):
                await team.book_callback(bad_when, bad_phone, "")
    stored = rows(desk.url, "SELECT conversation_id, scheduled_for, phone, note, status FROM callbacks")
    assert stored == [
        {
            "conversation_id": cid,
            "scheduled_for": when,
            "phone": "+55 11 91234 5678",
            "note": "order_status; #1001",
            "status": "scheduled",
        }
    ]


async def test_the_least_loaded_reader_on_shift_receives_the_conversation(desk: Desk) -> None:
    await desk.shifts({"mei": all_week(), "diego": all_week(), "lena": NINE_TO_FIVE})
    async with desk.db.transaction() as conn:
        roster = await load_roster(conn, desk.workspace_id)
        english = await pick_receivers(conn, roster, "en", WEDNESDAY)
        french = await pick_receivers(conn, roster, "fr", WEDNESDAY)
    demo = desk.agents
    assert [s.agent_id for s in english.agents] == [demo["mei"].id, demo["diego"].id]
    # The demo's open conversations are unassigned except Diego's and Mei's replies: fewer is first.
    loads = rows(
        desk.url,
        "SELECT assignee_id, count(*) AS n FROM conversations WHERE status = 'open' GROUP BY assignee_id",
    )
    count = {r["assignee_id"]: r["n"] for r in loads}
    expected = min((demo["mei"].id, demo["diego"].id), key=lambda a: (count.get(a, 0), a))
    assert english.assignee is not None and english.assignee.agent_id == expected
    # Lena reads French but is off at 17:00 Berlin: those on shift receive it instead.
    assert {s.agent_id for s in french.agents} == {demo["mei"].id, demo["diego"].id}
