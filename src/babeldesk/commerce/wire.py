"""Reading providers' JSON: times, amounts and text as our types, and one error for an answer that is
not what the provider documents (a field missing, a number that is not one)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from babeldesk.commerce.store import StoreUnavailable


def when(value: Any) -> datetime | None:
    """An ISO 8601 time (``Z`` or an offset; UTC when it has neither), None when absent."""
    if value in (None, ""):
        return None
    moment = datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def required_when(value: Any) -> datetime:
    moment = when(value)
    if moment is None:
        raise ValueError("a required time is missing")
    return moment


def money(value: Any) -> Decimal:
    amount = Decimal(str(value))
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not an amount")
    return amount


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


@contextmanager
def readable(provider: str, what: str) -> Iterator[None]:
    """Turns a malformed answer into ``StoreUnavailable``: we report it, we never fill the gap."""
    try:
        yield
    except (KeyError, TypeError, ValueError, InvalidOperation, AttributeError) as exc:
        detail = f"{type(exc).__name__}: {exc}"
        raise StoreUnavailable(f"{provider} sent {what} we cannot read ({detail})") from exc
