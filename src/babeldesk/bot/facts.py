"""Order facts as the bot writes them into replies: order numbers, dates, amounts, item lists.

Dates are ISO (2025-03-02) in the customer's timezone when known: readable in every language and
never ambiguous (3/2 is March in one country and February in the next). Amounts carry their
currency code. Everything here comes from the store's data; nothing is estimated.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babeldesk.commerce.models import Order


def order_ref(number: str) -> str:
    return f"#{number.lstrip('#')}"


def local(moment: datetime, timezone: str | None) -> datetime:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    if not timezone:
        return aware
    try:
        return aware.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return aware


def day(moment: datetime, timezone: str | None = None) -> str:
    return local(moment, timezone).strftime("%Y-%m-%d")


def clock(moment: datetime, timezone: str | None = None) -> str:
    return local(moment, timezone).strftime("%Y-%m-%d %H:%M")


def money(amount: Decimal, currency: str) -> str:
    return f"{amount.quantize(Decimal('0.01'))} {currency}"


def items(order: Order) -> str:
    return ", ".join(f"{item.quantity} × {item.title}" for item in order.items)


def wait_parts(wait: timedelta) -> tuple[str, int]:
    """The reply key and number for a typical wait: minutes under two hours, hours above."""
    minutes = max(1, round(wait.total_seconds() / 60))
    if minutes < 120:
        return "duration_minutes", minutes
    return "duration_hours", round(minutes / 60)
