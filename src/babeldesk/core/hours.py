"""Working time as plain rules: weekly hours in a timezone, who is on shift, callback slots.

Weekly hours are wall-clock times in the timezone of whoever keeps them (an agent, a region's
office), so "9:00–17:00" stays 9:00 local across daylight-saving changes. A shift whose end is not
after its start runs past midnight into the next day (equal: a whole day). Every instant here is
timezone-aware.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RANGE = re.compile(r"^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$")
# How far ahead to look for the next opening: a schedule with nothing in two weeks is closed.
HORIZON = timedelta(days=14)


class HoursError(ValueError):
    """Weekly hours or a timezone that cannot be understood; the message says which part."""


@dataclass(frozen=True)
class Shift:
    weekday: int  # 0 = Monday
    starts: time
    ends: time

    @property
    def overnight(self) -> bool:
        return self.ends <= self.starts


@dataclass(frozen=True)
class WeeklyHours:
    timezone: str  # IANA name, e.g. "Europe/Berlin"
    shifts: tuple[Shift, ...]


Interval = tuple[datetime, datetime]


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise HoursError(f"unknown timezone {name!r}") from None


def parse_week(week: Mapping[str, Sequence[str]]) -> tuple[Shift, ...]:
    """``{"mon": ["09:00-13:00", "14:00-18:00"], "sat": ["22:00-06:00"]}`` as shifts."""
    shifts: list[Shift] = []
    for day, ranges in week.items():
        if day not in WEEKDAYS:
            raise HoursError(f"{day!r} is not a day; use one of {', '.join(WEEKDAYS)}")
        if isinstance(ranges, str) or not isinstance(ranges, Sequence):
            raise HoursError(f'{day}: a list of ranges such as ["09:00-17:00"]')
        for text in ranges:
            shifts.append(_parse_range(WEEKDAYS.index(day), text))
    return tuple(sorted(shifts, key=lambda s: (s.weekday, s.starts)))


def _parse_range(weekday: int, text: object) -> Shift:
    match = _RANGE.match(text) if isinstance(text, str) else None
    if match is None:
        raise HoursError(f"{WEEKDAYS[weekday]}: {text!r} is not a range such as 09:00-17:00")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h2 == 24 and m2 != 0:
        raise HoursError(f"{WEEKDAYS[weekday]}: {text!r} ends after midnight")
    return Shift(weekday, time(h1, m1), time(0, 0) if h2 == 24 else time(h2, m2))


def week_json(shifts: Iterable[Shift]) -> dict[str, list[str]]:
    """The inverse of ``parse_week``, for settings and the API."""
    week: dict[str, list[str]] = {}
    for shift in shifts:
        week.setdefault(WEEKDAYS[shift.weekday], []).append(
            f"{shift.starts:%H:%M}-{'24:00' if shift.ends == time(0) else f'{shift.ends:%H:%M}'}"
        )
    return week


def _wall(day: date, at: time, tz: ZoneInfo) -> datetime:
    # A wall time that does not exist (skipped by a spring-forward) lands just after the gap; one
    # that exists twice (autumn) is its first occurrence.
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def occurrences(hours: WeeklyHours, start: datetime, end: datetime) -> list[Interval]:
    """The concrete intervals (UTC) of ``hours`` that overlap [start, end), merged, in order."""
    tz = zone(hours.timezone)
    day = start.astimezone(tz).date() - timedelta(days=1)  # yesterday's overnight shift may still run
    last = end.astimezone(tz).date()
    found: list[Interval] = []
    while day <= last:
        for shift in hours.shifts:
            if shift.weekday != day.weekday():
                continue
            begins = _wall(day, shift.starts, tz)
            finishes = _wall(day + timedelta(days=1) if shift.overnight else day, shift.ends, tz)
            if finishes > start and begins < end and finishes > begins:
                found.append((begins, finishes))
        day += timedelta(days=1)
    return _merge(found)


def _merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for begins, finishes in sorted(intervals):
        if merged and begins <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finishes))
        else:
            merged.append((begins, finishes))
    return merged


def is_open(hours: WeeklyHours, at: datetime) -> bool:
    return any(b <= at < f for b, f in occurrences(hours, at, at + timedelta(seconds=1)))


def next_opening(hours: WeeklyHours, at: datetime) -> datetime | None:
    """``at`` if open then, else when the hours next begin (within ``HORIZON``), else None."""
    for begins, _ in occurrences(hours, at, at + HORIZON):
        return max(begins, at)
    return None


def earliest_opening(schedules: Iterable[WeeklyHours], at: datetime) -> datetime | None:
    openings = [o for o in (next_opening(s, at) for s in schedules) if o is not None]
    return min(openings, default=None)


@dataclass(frozen=True)
class SlotRules:
    count: int = 3
    lead: timedelta = timedelta(hours=1)  # time to prepare the call
    step: timedelta = timedelta(minutes=30)
    spacing: timedelta = timedelta(hours=2)  # slots offered are this far apart, to give a choice
    # Never offer a call the customer would take at night in their own timezone.
    waking: tuple[time, time] = (time(8), time(21))
    horizon: timedelta = timedelta(days=7)


def callback_slots(
    business: Sequence[WeeklyHours], customer_timezone: str, now: datetime, rules: SlotRules = SlotRules()
) -> list[datetime]:
    """Times to offer for a call back, in the customer's timezone: inside business hours, during
    the customer's waking hours, at least ``lead`` from now, ``spacing`` apart."""
    customer = zone(customer_timezone)
    earliest = now + rules.lead
    intervals = _merge([i for h in business for i in occurrences(h, earliest, now + rules.horizon)])
    slots: list[datetime] = []
    for begins, finishes in intervals:
        slot = begins
        while slot < earliest:
            slot += rules.step
        while slot + rules.step <= finishes and len(slots) < rules.count:
            local = slot.astimezone(customer)
            spaced = not slots or slot - slots[-1] >= rules.spacing
            if spaced and rules.waking[0] <= local.time() < rules.waking[1]:
                slots.append(local)
            slot += rules.step
    return slots
