"""The demo shop's orders (``demo_orders.json``), dated relative to the moment they are loaded so the
demo tells the same story any day: 1001 in transit after customs, 1002 delivered five days ago, 1003
paid and waiting, 1004 delivered two months ago, 1005 with a refund under way, 1006 lost in transit.

In the file a time is written ``now``, ``now-5d``, ``now-5d-6h`` or ``now+2d`` (days, hours, minutes).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from babeldesk.commerce.importer import do_import_orders
from babeldesk.commerce.records import OrderRecord

DEMO_ORDERS = Path(__file__).with_name("demo_orders.json")
_RELATIVE = re.compile(r"now((?:[+-]\d+[dhm])*)")
_STEP = re.compile(r"([+-])(\d+)([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


async def seed_demo_orders(
    conn: AsyncConnection, workspace_id: int, *, now: datetime | None = None
) -> list[str]:
    """Load the demo orders into ``workspace_id``'s built-in store (again: they are updated, not
    duplicated); returns their numbers."""
    moment = now or datetime.now(UTC)
    script = json.loads(DEMO_ORDERS.read_text(encoding="utf-8"))
    records = [OrderRecord.model_validate(resolve_times(order, moment)) for order in script]
    result = await do_import_orders(conn, workspace_id, records)
    return result.created + result.updated


def resolve_times(value: Any, now: datetime) -> Any:
    """``value`` with every ``now±…`` string replaced by that moment in ISO 8601."""
    if isinstance(value, dict):
        return {key: resolve_times(item, now) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve_times(item, now) for item in value]
    if isinstance(value, str) and (match := _RELATIVE.fullmatch(value)):
        moment = now
        for sign, amount, unit in _STEP.findall(match.group(1)):
            step = timedelta(**{_UNITS[unit]: int(amount)})
            moment = moment + step if sign == "+" else moment - step
        return moment.isoformat()
    return value
