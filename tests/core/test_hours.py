"""Working-time rules without a database: shifts across midnight, weekends, daylight saving."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from babeldesk.core.conversations import Alert, Priority, mood_alert, priority_for_handoff, priority_for_mood
from babeldesk.core.hours import (
    HoursError,
    Shift,
    SlotRules,
    WeeklyHours,
    callback_slots,
    earliest_opening,
    is_open,
    next_opening,
    occurrences,
    parse_week,
    week_json,
)

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS_9_TO_5 = {day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")}


def berlin(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def office(timezone: str = "Europe/Berlin", week: dict[str, list[str]] | None = None) -> WeeklyHours:
    return WeeklyHours(timezone, parse_week(WEEKDAYS_9_TO_5 if week is None else week))


def test_week_parses_and_prints_back() -> None:
    week = {"mon": ["09:00-13:00", "14:00-18:00"], "sat": ["22:00-06:00"], "sun": ["00:00-24:00"]}
    shifts = parse_week(week)
    assert shifts[0] == Shift(0, time(9), time(13))
    assert shifts[2].overnight and shifts[3].overnight, "past midnight, and a whole day"
    assert week_json(shifts) == week


@pytest.mark.parametrize(
    ("week", "problem"),
    [
        ({"monday": ["09:00-17:00"]}, "'monday' is not a day"),
        ({"mon": "09:00-17:00"}, "a list of ranges"),
        ({"mon": ["9-17"]}, "not a range"),
        ({"mon": ["25:00-26:00"]}, "not a range"),
        ({"mon": ["09:00-24:30"]}, "ends after midnight"),
    ],
)
def test_bad_weeks_are_refused_with_the_reason(week: dict[str, object], problem: str) -> None:
    with pytest.raises(HoursError, match=problem):
        parse_week(week)  # type: ignore[arg-type]


def test_unknown_timezone_is_refused() -> None:
    with pytest.raises(HoursError, match="unknown timezone"):
        is_open(office("Mars/Olympus"), datetime.now(UTC))


def test_open_on_weekdays_closed_at_night_and_on_weekends() -> None:
    hours = office()
    assert is_open(hours, berlin(2025, 3, 14, 9, 0))  # Friday
    assert not is_open(hours, berlin(2025, 3, 14, 17, 0)), "the end is exclusive"
    assert not is_open(hours, berlin(2025, 3, 15, 12, 0))  # Saturday
    assert next_opening(hours, berlin(2025, 3, 14, 18, 0)) == berlin(2025, 3, 17, 9, 0)
    assert next_opening(hours, berlin(2025, 3, 14, 10, 0)) == berlin(2025, 3, 14, 10, 0), "open now"


def test_overnight_shift_runs_into_the_next_day() -> None:
    night = office(week={"fri": ["22:00-06:00"]})
    assert is_open(night, berlin(2025, 3, 14, 23, 0))
    assert is_open(night, berlin(2025, 3, 15, 5, 59)), "Saturday morning is Friday's shift"
    assert not is_open(night, berlin(2025, 3, 15, 6, 0))
    assert not is_open(night, berlin(2025, 3, 14, 5, 0)), "Friday morning belongs to Thursday: no shift"


def test_shift_stays_at_local_time_across_daylight_saving() -> None:
    hours = office()
    # Berlin moves its clocks forward on 30 March 2025: 9:00 is 08:00 UTC before, 07:00 UTC after.
    before = occurrences(hours, berlin(2025, 3, 28, 0, 0), berlin(2025, 3, 29, 0, 0))
    after = occurrences(hours, berlin(2025, 3, 31, 0, 0), berlin(2025, 4, 1, 0, 0))
    assert before[0][0] == datetime(2025, 3, 28, 8, 0, tzinfo=UTC)
    assert after[0][0] == datetime(2025, 3, 31, 7, 0, tzinfo=UTC)


def test_overnight_shift_over_the_autumn_change_is_an_hour_longer() -> None:
    # 26 October 2025: 03:00 summer time becomes 02:00 winter time.
    night = office(week={"sat": ["22:00-06:00"]})
    [(begins, ends)] = occurrences(night, berlin(2025, 10, 25, 12, 0), berlin(2025, 10, 27, 0, 0))
    assert ends - begins == timedelta(hours=9)


def test_earliest_opening_across_agents_in_different_timezones() -> None:
    tokyo = office("Asia/Tokyo")
    mexico = office("America/Mexico_City")
    saturday_noon_utc = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
    # Monday 9:00 in Tokyo (Sunday 00:00 UTC) comes long before Monday 9:00 in Mexico City.
    assert earliest_opening([mexico, tokyo], saturday_noon_utc) == datetime(2025, 3, 17, 0, 0, tzinfo=UTC)
    assert earliest_opening([], saturday_noon_utc) is None
    assert next_opening(office(week={}), saturday_noon_utc) is None


def test_callback_slots_are_in_business_hours_and_the_customers_timezone() -> None:
    friday_evening = berlin(2025, 3, 14, 18, 0)
    slots = callback_slots([office()], "America/Sao_Paulo", friday_evening)
    assert [s.tzinfo for s in slots] == [ZoneInfo("America/Sao_Paulo")] * 3
    # Monday 9:00 in Berlin is 5:00 in São Paulo: too early for the customer, so 8:00 there first.
    assert [s.strftime("%a %H:%M") for s in slots] == ["Mon 08:00", "Mon 10:00", "Mon 12:00"]
    assert all(is_open(office(), s) for s in slots)


def test_callback_slots_leave_time_to_prepare_and_stop_at_the_end_of_the_day() -> None:
    rules = SlotRules(count=5, spacing=timedelta(hours=1))
    slots = callback_slots([office()], "Europe/Berlin", berlin(2025, 3, 14, 14, 10), rules)
    assert [s.strftime("%a %H:%M") for s in slots] == [
        "Fri 15:30",
        "Fri 16:30",
        "Mon 09:00",
        "Mon 10:00",
        "Mon 11:00",
    ]


def test_mood_raises_priority_and_never_lowers_it() -> None:
    assert mood_alert(angry=True, negative=True) == Alert.ANGRY
    assert mood_alert(angry=False, negative=False) is None
    assert priority_for_mood(Priority.NORMAL, Alert.ANGRY) == Priority.URGENT
    assert priority_for_mood(Priority.LOW, Alert.NEGATIVE) == Priority.HIGH
    assert priority_for_mood(Priority.URGENT, Alert.NEGATIVE) == Priority.URGENT
    assert priority_for_handoff(Priority.LOW, "requested") == Priority.NORMAL
    assert priority_for_handoff(Priority.NORMAL, "failed") == Priority.HIGH
    assert priority_for_handoff(Priority.HIGH, "unsure") == Priority.HIGH
