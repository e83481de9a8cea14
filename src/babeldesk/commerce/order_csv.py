"""Orders from CSV: one row per line item, the order's columns repeated on each of its rows.

Columns (header row required, any order; empty cells mean "not given"):

  order columns, the same on every row of an order
    order_number*, email, phone (at least one of the two), status*, currency*, total*, placed_at*,
    delivered_at, ship_name, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code,
    ship_country, ship_phone, refund_state, refund_amount, refunded_at
  item columns, one item per row
    sku*, title*, quantity*, unit_price*
  shipment columns, when the row's item travels in a parcel (rows sharing a tracking number share it)
    carrier, tracking_number, shipment_state, shipped_at, estimated_delivery, shipment_delivered_at,
    tracking_url

Statuses and states are the values of the enums in ``models.py``; times are ISO 8601 (UTC when no
offset is given). Tracking events need the JSON format. A bad row rejects its whole order (an order
missing an item would be wrong), reported with the row's line; other orders are still imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import ValidationError

from babeldesk.commerce.contact import normalize_number
from babeldesk.commerce.records import OrderRecord, Parsed, Problem

if TYPE_CHECKING:
    from _csv import Reader

ORDER_COLUMNS = {
    "order_number": "number", "email": "email", "phone": "phone", "status": "status",
    "currency": "currency", "total": "total", "placed_at": "placed_at", "delivered_at": "delivered_at",
}  # fmt: skip
ADDRESS_COLUMNS = {
    "ship_name": "name", "ship_line1": "line1", "ship_line2": "line2", "ship_city": "city",
    "ship_region": "region", "ship_postal_code": "postal_code", "ship_country": "country",
    "ship_phone": "phone",
}  # fmt: skip
REFUND_COLUMNS = {"refund_state": "state", "refund_amount": "amount", "refunded_at": "at"}
ITEM_COLUMNS = {"sku": "sku", "title": "title", "quantity": "quantity", "unit_price": "unit_price"}
SHIPMENT_COLUMNS = {
    "carrier": "carrier", "tracking_number": "tracking_number", "shipment_state": "state",
    "shipped_at": "shipped_at", "estimated_delivery": "estimated_delivery",
    "shipment_delivered_at": "delivered_at", "tracking_url": "tracking_url",
}  # fmt: skip
PER_ORDER = (*ORDER_COLUMNS, *ADDRESS_COLUMNS, *REFUND_COLUMNS)
KNOWN = {*PER_ORDER, *ITEM_COLUMNS, *SHIPMENT_COLUMNS}
REQUIRED = {"order_number", "status", "currency", "total", "placed_at", *ITEM_COLUMNS}


@dataclass
class _Order:
    """The rows of one order, gathered before it is checked as a whole."""

    first_line: int
    columns: dict[str, str]
    item_lines: list[int] = field(default_factory=list)
    items: list[dict[str, str]] = field(default_factory=list)
    shipments: dict[str, dict[str, str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def parse_csv(text: str) -> Parsed:
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    missing, unknown = REQUIRED - set(header), set(header) - KNOWN
    if missing or unknown or not {"email", "phone"} & set(header):
        parsed.problems.append(Problem(1, _header_problem(missing, unknown)))
        return parsed
    orders: dict[str, _Order] = {}
    for line, row in _rows(reader, header, parsed):
        number = normalize_number(row.get("order_number", ""))
        if not number:
            parsed.problems.append(Problem(line, "order_number is empty"))
            continue
        order = orders.setdefault(number, _Order(line, {k: row[k] for k in PER_ORDER if k in row}))
        _add_row(order, line, row)
    for number, order in orders.items():
        _finish(parsed, number, order)
    parsed.problems.sort(key=lambda problem: problem.line)
    return parsed


def _header_problem(missing: set[str], unknown: set[str]) -> str:
    parts = []
    if missing:
        parts.append("missing columns: " + ", ".join(sorted(missing)))
    if unknown:
        parts.append("unknown columns: " + ", ".join(sorted(unknown)))
    if not parts:
        parts.append("an email or a phone column is needed")
    return "; ".join(parts) + " (nothing was imported)"


def _rows(reader: Reader, header: list[str], parsed: Parsed) -> Iterator[tuple[int, dict[str, str]]]:
    """Non-empty rows with their first line (a quoted cell may span lines), cells stripped."""
    last_line = 1
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(header):
                parsed.problems.append(Problem(line, f"{len(cells)} cells for {len(header)} columns"))
                continue
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if cell.strip()}
            yield line, values
    except csv.Error as exc:
        parsed.problems.append(Problem(last_line + 1, f"not valid CSV ({exc}); the rest was not read"))


def _add_row(order: _Order, line: int, row: dict[str, str]) -> None:
    differing = [k for k in PER_ORDER if row.get(k, "") != order.columns.get(k, "")]
    if differing:
        message = f"different {', '.join(differing)} than line {order.first_line} of the same order"
        order.problems.append(Problem(line, message))
    order.item_lines.append(line)
    order.items.append({field: row[column] for column, field in ITEM_COLUMNS.items() if column in row})
    shipment = {field: row[column] for column, field in SHIPMENT_COLUMNS.items() if column in row}
    if "tracking_number" not in shipment:
        if shipment:
            order.problems.append(Problem(line, "shipment columns without a tracking_number"))
        return
    known = order.shipments.setdefault(shipment["tracking_number"], shipment)
    if known != shipment:
        message = f"shipment {shipment['tracking_number']} differs from an earlier row"
        order.problems.append(Problem(line, message))


def _finish(parsed: Parsed, number: str, order: _Order) -> None:
    if order.problems:
        parsed.problems += [Problem(p.line, f"order {number}: {p.message}") for p in order.problems]
        return
    try:
        record = OrderRecord.model_validate(_nest(order))
    except ValidationError as exc:
        for error in exc.errors():
            loc = error["loc"]
            index = loc[1] if loc[:1] == ("items",) and len(loc) > 1 else None
            line = order.item_lines[index] if isinstance(index, int) else order.first_line
            where = ".".join(str(part) for part in loc if not isinstance(part, int))
            message = error["msg"].removeprefix("Value error, ")
            parsed.problems.append(Problem(line, f"order {number}: {where + ': ' if where else ''}{message}"))
        return
    parsed.add(order.first_line, record)


def _nest(order: _Order) -> dict[str, object]:
    """The flat columns as the nested shape of an ``OrderRecord``."""
    values = order.columns
    nested: dict[str, object] = {field: values[col] for col, field in ORDER_COLUMNS.items() if col in values}
    address = {field: values[col] for col, field in ADDRESS_COLUMNS.items() if col in values}
    if address:
        nested["shipping_address"] = address
    refund = {field: values[col] for col, field in REFUND_COLUMNS.items() if col in values}
    if refund:
        nested["refund"] = refund
    nested["items"] = order.items
    nested["shipments"] = list(order.shipments.values())
    return nested
